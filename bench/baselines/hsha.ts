/**
 * Baseline hsha: the main thread does all socket I/O; a fixed piscina pool runs each chunk's work
 * (one task per chunk, no batching) and hands the bytes back; replies are written in read order.
 */
import net from 'node:net';
import { isMainThread } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { burn, WorkMeter } from '../../src/shared/work.js';
import { baselineArgs, HOST, ready, SERVER_OPTIONS } from './common.js';

interface Task {
  chunk: Uint8Array;
  iterations: number;
}

/** The task, on a pool thread: the work the chunk owes, then the same bytes back. */
export default function work({ chunk, iterations }: Task): Uint8Array {
  burn(iterations);
  return chunk;
}

if (isMainThread) {
  const { port, work, threads } = baselineArgs();
  const pool = new Piscina<Task, Uint8Array>({ filename: import.meta.url, minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
  const server = net.createServer(SERVER_OPTIONS, (socket) => {
    const meter = new WorkMeter(work); // counted here, per connection; burnt on the pool
    let written = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      const reply = pool.run({ chunk, iterations: meter.iterationsFor(chunk.length) });
      written = written.then(() => reply).then((bytes) => void socket.write(bytes), () => void socket.destroy());
    });
    socket.on('end', () => void written.then(() => socket.end()));
    socket.on('error', () => {});
  });
  server.listen(port, HOST, () => ready('hsha', server));
}
