/**
 * piscina: the tutorials' thread pool, whose tasks are connections
 * (`ThreadPool<Task>::push(Task(sock, serviceIO))`). A fixed pool of `threads` threads takes
 * connection tasks from a bounded FIFO queue; the socket travels with its task, and the thread that
 * runs it serves the whole connection, then takes the next task. With `connsPerThread` K = 1 (the
 * default, the classic blocking pool) at most `threads` connections are served at once and the rest
 * wait, accepted and unread, in arrival order; with K > 1 each thread serves K connections at once
 * on its own event loop. Past the queue's bound (`maxQueue`), connections wait in the accept queue
 * instead: never rejected, never dropped.
 */
import type { Socket } from 'node:net';
import { Piscina } from 'piscina';
import { stopGracefully } from '../shared/graceful-stop.js';
import { FDS_PER_THREAD } from '../shared/fd-limit.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { serviceConfig } from '../shared/service.js';
import { peerName } from '../shared/socket.js';
import { SocketQueue, type QueuedConnection } from '../shared/socket-queue.js';
import { toError } from '../shared/to-error.js';
import type { StartModel } from './model.js';
import type { ConnectionTask } from './piscina-task.js';

const TASK_SCRIPT = new URL('./piscina-task.js', import.meta.url).href;

interface PoolTask {
  /** Here until a thread takes the task; then this side of it is destroyed (the handle moved). */
  socket: Socket;
  done: Promise<void>;
}

export const start: StartModel = async ({ options, work, log }) => {
  const config = serviceConfig(options, work);
  const pool = new Piscina<ConnectionTask, void>({
    filename: TASK_SCRIPT,
    minThreads: options.threads,
    maxThreads: options.threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: options.connsPerThread,
    maxQueue: options.maxQueue,
    // First come, first served: by default piscina puts a task it could not place back at the tail.
    stricterFIFO: true,
    workerData: config,
  });
  // A thread that fails after start-up must not take the server down.
  pool.on('error', (error: Error) => log.error(`pool thread failed: ${error.message}`));
  // Load the task file in every thread before accepting: piscina does not replace a thread that
  // fails while starting, so a flood must not meet half-started threads.
  await Promise.all(Array.from({ length: options.threads }, () => pool.run({})));

  const waiting = new SocketQueue();
  const tasks = new Set<PoolTask>();
  let stopping = false;
  let acceptorBytesRead = 0;
  const server = createEchoServer((socket) => waiting.push(socket), /* pauseOnConnect: never read here */ true);
  const address = await listen(server, { ...options, reservedFds: options.threads * FDS_PER_THREAD }, log).catch(async (error: unknown) => {
    await pool.destroy();
    throw error;
  });

  async function serveInPool({ socket }: QueuedConnection): Promise<void> {
    const peer = peerName(socket);
    // No abort signal: piscina gives an abortable task a thread of its own, which would defeat K > 1.
    const done = pool.run({ socket }, { transferList: [socket as never] });
    const task: PoolTask = { socket, done };
    tasks.add(task);
    log.info(`open ${peer} as a pool task (${tasks.size - pool.queueSize} served, ${pool.queueSize} queued, ${waiting.length} waiting)`);
    try {
      await done;
      log.info(`close ${peer}`);
    } catch (error) {
      if (!stopping) log.warn(`task for ${peer} failed: ${toError(error).message}`);
      socket.destroy();
    } finally {
      tasks.delete(task);
      acceptorBytesRead += socket.bytesRead; // this thread's side of the socket: 0 unless it read
    }
  }

  // Tasks in the pool (served or queued) at most threads × K + maxQueue: piscina never rejects one.
  const serving = waiting.serve(options.threads * options.connsPerThread + options.maxQueue, serveInPool);

  return {
    address,
    stats: () => ({
      connections: tasks.size - pool.queueSize,
      queues: true,
      waiting: waiting.length + pool.queueSize,
      threads: pool.threads.length,
      acceptorBytesRead,
    }),
    async stop() {
      stopping = true;
      server.close();
      waiting.close();
      // Connections still queued were never served: closed at once, as in the other queues (their
      // tasks then fail when a thread takes them: a closed socket cannot move).
      for (const task of tasks) if (!task.socket.destroyed) task.socket.destroy();
      let destroyed: Promise<void> | undefined;
      const destroyPool = () => (destroyed ??= pool.destroy());
      await stopGracefully(
        [...tasks].map((task) => ({ gone: task.done, kill: () => void destroyPool() })),
        options.graceMs,
      );
      await serving;
      await destroyPool();
    },
  };
};
