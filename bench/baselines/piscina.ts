/** Baseline piscina: a fixed pool whose tasks are connections, the socket in the task's transferList. */
import net, { type Socket } from 'node:net';
import { isMainThread } from 'node:worker_threads';
import { Piscina, workerData } from 'piscina';
import { baselineArgs, echo, HOST, ready, SERVER_OPTIONS } from './common.js';

/** The task, on a pool thread: serve the connection to its end. */
export default function serve({ socket }: { socket: Socket }): Promise<void> {
  echo(socket, workerData);
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

if (isMainThread) {
  const { port, work, threads, connsPerThread, maxQueue } = baselineArgs();
  const pool = new Piscina({ filename: import.meta.url, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: connsPerThread, maxQueue, workerData: work });
  const waiting: Socket[] = [];
  let tasks = 0;
  // Served or queued in the pool at most threads × K + maxQueue (piscina would reject more); the rest wait unread.
  const next = () => {
    for (let socket; tasks < threads * connsPerThread + maxQueue && (socket = waiting.shift()); tasks++) {
      pool
        .run({ socket }, { transferList: [socket as never] })
        .catch(() => socket.destroy())
        .finally(() => {
          tasks--;
          next();
        });
    }
  };
  const server = net.createServer({ ...SERVER_OPTIONS, pauseOnConnect: true }, (socket) => {
    socket.on('error', () => {});
    waiting.push(socket);
    next();
  });
  server.listen(port, HOST, () => ready('piscina', server, () => waiting.length + pool.queueSize));
}
