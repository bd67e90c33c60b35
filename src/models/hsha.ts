/**
 * hsha: half-sync/half-async (Schmidt and Cranor's pattern), the design Node users reach for when
 * CPU work must leave the event loop. The main thread is the async half: it accepts and reads every
 * connection, and each chunk it reads becomes a job in a bounded queue. A fixed piscina pool is the
 * sync half: a free thread takes the queue's head, does the work the chunk owes and hands the bytes
 * back. The main thread then writes each connection's replies in the order its chunks were read.
 *
 *   accept → read → queue (at most --max-queue chunks) → pool (--threads) → write, in read order
 *
 * Backpressure instead of dropped bytes: a chunk that finds the queue full waits outside it and its
 * connection stops reading until it is queued (oldest first); a connection also stops reading while
 * its send buffer is full or it owes too many bytes (hsha-connection.ts).
 */
import type { Socket } from 'node:net';
import { socketUnit, stopGracefully } from '../shared/graceful-stop.js';
import { FDS_PER_THREAD } from '../shared/fd-limit.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { peerName, prepareSocket } from '../shared/socket.js';
import { iterationsForUs } from '../shared/work.js';
import type { StartModel } from './model.js';
import { takeTask, type BatchLimits } from './hsha-batch.js';
import { Connection, type Job } from './hsha-connection.js';
import { serveOnPool, startPool } from './hsha-pool.js';

/** Work one batched task may carry: short enough that CPU-bound chunks spread over the threads. */
const MAX_TASK_WORK_US = 250;

export const start: StartModel = async ({ options, work, log }) => {
  const pool = await startPool(options.threads, options.crashToken, log);
  const batch: BatchLimits = {
    maxBatch: options.maxBatch,
    maxTaskWork: work.usPerBlock > 0 ? iterationsForUs(work, MAX_TASK_WORK_US) : Number.POSITIVE_INFINITY,
  };
  const queue: Job[] = [];
  /** Chunks that found the queue full, oldest first: one per connection, which reads nothing meanwhile. */
  const waiting: Job[] = [];
  let queuePeak = 0;
  let busyThreads = 0;
  let dispatchQueued = false;
  const live = new Set<Socket>();
  let closedBytesRead = 0;

  // accept: every connection is served at once, all of its socket I/O on this thread.
  function accept(socket: Socket): void {
    const peer = peerName(socket);
    live.add(socket);
    log.info(`open ${peer}`);
    prepareSocket(socket, { idleTimeoutMs: options.idleTimeoutMs, log });
    const connection = new Connection(socket, work, (error) => log.warn(`task for ${peer} failed: ${error.message}`));
    socket.on('data', (chunk: Buffer) => read(connection, chunk));
    void connection.closed.then(() => {
      live.delete(socket);
      closedBytesRead += socket.bytesRead;
      log.info(`close ${peer}`);
    });
  }

  // read → queue: the chunk becomes a job; if the queue is full it waits outside, and so does its connection.
  function read(connection: Connection, chunk: Buffer): void {
    const job = connection.jobFor(chunk);
    if (queue.length < options.maxQueue) enqueue(job);
    else {
      connection.waitsForQueue = true;
      waiting.push(job);
    }
    connection.readIfRoom();
    dispatchAfterReads();
  }

  function enqueue(job: Job): void {
    queuePeak = Math.max(queuePeak, queue.push(job));
  }

  // queue → pool: each free thread takes the queue's head (several chunks with batching: hsha-batch.ts).
  // After this turn's reads, so that a thread that is free now takes its share of all of them.
  function dispatchAfterReads(): void {
    if (dispatchQueued) return;
    dispatchQueued = true;
    setImmediate(() => {
      dispatchQueued = false;
      dispatch();
    });
  }

  function dispatch(): void {
    while (busyThreads < options.threads && queue.length > 0) {
      const jobs = takeTask(queue, options.threads - busyThreads, batch);
      busyThreads += 1;
      void serveOnPool(pool, jobs).then(taskDone);
    }
  }

  // pool → write: each job has written its connection's replies that are in (Job.done); the queue
  // has room again, so waiting chunks go in, oldest first, and their connections read again.
  function taskDone(): void {
    busyThreads -= 1;
    while (waiting.length > 0 && queue.length < options.maxQueue) {
      const job = waiting.shift()!;
      job.connection.waitsForQueue = false;
      enqueue(job);
      job.connection.readIfRoom();
    }
    dispatch();
  }

  const server = createEchoServer(accept);
  const address = await listen(server, { ...options, reservedFds: options.threads * FDS_PER_THREAD }, log).catch(async (error: unknown) => {
    await pool.destroy();
    throw error;
  });
  const bytesRead = () => [...live].reduce((sum, socket) => sum + socket.bytesRead, closedBytesRead);

  return {
    address,
    stats: () => ({ connections: live.size, queues: false, waiting: 0, threads: pool.threads.length, queuePeak, acceptorBytesRead: bytesRead() }),
    async stop() {
      server.close();
      await stopGracefully([...live].map(socketUnit), options.graceMs);
      await pool.destroy();
    },
  };
};
