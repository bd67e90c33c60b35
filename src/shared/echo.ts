/** The echo itself, for models whose serving thread owns the socket. */
import type { Socket } from 'node:net';
import type { WorkMeter } from './work.js';

/**
 * Echo every byte back in order, charging the simulated work first. A full send buffer pauses
 * reading (write() returned false) until it drains, so a client that does not read cannot make
 * us buffer without bound. When the client half-closes, the rest is echoed, then our FIN.
 * Resolves when the socket is closed.
 */
export async function echo(socket: Socket, meter: WorkMeter): Promise<void> {
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.on('data', (chunk: Buffer) => {
    meter.charge(chunk.length);
    if (!socket.write(chunk)) socket.pause();
  });
  socket.on('drain', () => socket.resume());
  socket.on('end', () => socket.end());
  socket.resume();
  await closed;
}
