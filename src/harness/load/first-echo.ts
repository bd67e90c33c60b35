/** One new client: connect, send one message, and time from connect() until its whole echo is back. */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { errorKind } from './echo-connection.js';
import type { ErrorKind } from '../../results/schema.js';

export type FirstEcho = { ms: number } | { error: ErrorKind; reason: string };

export function firstEcho(host: string, port: number, size: number, timeoutMs: number): Promise<FirstEcho> {
  const message = randomBytes(size);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, noDelay: true });
    let received = 0;
    let settled = false;
    const done = (result: FirstEcho) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ error: 'timeout', reason: `no echo within ${(timeoutMs / 1000).toFixed(1)} s` }), Math.max(0, timeoutMs));
    socket.once('connect', () => socket.write(message));
    socket.on('data', (chunk: Buffer) => {
      // More bytes than were sent make the slice shorter than the chunk: a mismatch too.
      if (!chunk.equals(message.subarray(received, received + chunk.length))) return done({ error: 'mismatch', reason: 'the echo differed from what was sent' });
      received += chunk.length;
      if (received === size) done({ ms: performance.now() - started });
    });
    socket.once('end', () => done({ error: 'short', reason: `the server closed after echoing ${received} of ${size} bytes` }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ error: errorKind(error), reason: error.message }));
  });
}
