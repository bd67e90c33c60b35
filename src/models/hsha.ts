/**
 * hsha: half-sync/half-async (Schmidt and Cranor's pattern), the design Node users reach for when
 * CPU work must leave the event loop. The main thread does all socket I/O (the async half); the
 * chunks it reads become tasks in a bounded queue that a fixed piscina pool runs (the sync half):
 * the work, then the bytes back. The chunks of one event-loop turn share a task per thread
 * (hsha-batch.ts), since the hop to a thread costs more than echoing a small chunk. Chunks of one
 * connection may run on different threads at once, so replies are written in the order the chunks
 * were read. When the queue holds `maxQueue` tasks, connections stop being read until it drains:
 * backpressure instead of rejected tasks, so no byte is lost and memory stays bounded.
 */
import type { Socket } from 'node:net';
import { Piscina } from 'piscina';
import { socketUnit, stopGracefully } from '../shared/graceful-stop.js';
import { FDS_PER_THREAD } from '../shared/fd-limit.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { AdmissionGate } from '../shared/admission-gate.js';
import { Relay } from '../shared/relay.js';
import { peerName, prepareSocket } from '../shared/socket.js';
import { detachable } from '../shared/transfer.js';
import { iterationsForUs, WorkMeter } from '../shared/work.js';
import type { StartModel } from './model.js';
import { Batcher } from './hsha-batch.js';
import type { EchoBatch } from './hsha-task.js';

const TASK_SCRIPT = new URL('./hsha-task.js', import.meta.url).href;
/** Simulated work one batched task may carry: short enough that CPU-bound chunks spread over the threads. */
const MAX_TASK_WORK_US = 250;

export const start: StartModel = async ({ options, work, log }) => {
  const pool = new Piscina<EchoBatch, Uint8Array[]>({
    filename: TASK_SCRIPT,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    // One task per thread at a time (piscina's default): a thread that dies takes only the task it
    // was running, which the batcher can then retry chunk by chunk (see hsha-batch.ts).
    concurrentTasksPerWorker: 1,
    // Our own bound below pauses reading before the queue is full; piscina's would reject tasks.
    maxQueue: Number.POSITIVE_INFINITY,
    workerData: { crashToken: options.crashToken },
  });
  // A thread that fails after start-up (out of file descriptors, say) must not take the server down.
  pool.on('error', (error: Error) => log.error(`pool thread failed: ${error.message}`));
  // Load the task in every thread before accepting (one empty task each): piscina does not replace
  // a thread that fails while starting, so a flood must not meet half-started threads.
  await Promise.all(Array.from({ length: options.threads }, () => pool.run({ chunks: [], iterations: [] })));
  // Connections pause while the queue is full, and resume (oldest first) as tasks finish.
  const admission = new AdmissionGate(() => pool.queueSize < options.maxQueue);
  const batcher = new Batcher(pool, {
    threads: options.threads,
    maxTaskWork: work.usPerBlock > 0 ? iterationsForUs(work, MAX_TASK_WORK_US) : 0,
    onTaskDone: () => admission.reopened(),
  });
  const live = new Set<Socket>();
  let closedBytesRead = 0;
  const bytesRead = () => [...live].reduce((sum, socket) => sum + socket.bytesRead, closedBytesRead);

  function serve(socket: Socket): void {
    const peer = peerName(socket);
    live.add(socket);
    log.info(`open ${peer}`);
    prepareSocket(socket, { idleTimeoutMs: options.idleTimeoutMs, log });
    const meter = new WorkMeter(work);
    // The relay writes the replies in the order the chunks were read, and pauses reading at its bounds.
    const relay = new Relay(
      socket,
      (chunk, reply) => {
        const data = detachable(chunk);
        batcher.run(data, meter.iterationsFor(data.byteLength), reply);
      },
      { admission, onFailure: (error) => log.warn(`task for ${peer} failed: ${error.message}`) },
    );
    void relay.closed.then(() => {
      live.delete(socket);
      closedBytesRead += socket.bytesRead;
      log.info(`close ${peer}`);
    });
  }

  const server = createEchoServer(serve);
  const address = await listen(server, { ...options, reservedFds: options.threads * FDS_PER_THREAD }, log).catch(async (error: unknown) => {
    await pool.destroy();
    throw error;
  });

  return {
    address,
    stats: () => ({ connections: live.size, queues: false, waiting: 0, threads: pool.threads.length, queueDepth: pool.queueSize, acceptorBytesRead: bytesRead() }),
    async stop() {
      server.close();
      await stopGracefully([...live].map(socketUnit), options.graceMs);
      await pool.destroy();
    },
  };
};
