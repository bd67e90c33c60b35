/** The echo itself, for models whose serving thread owns the socket. */
import type { Socket } from 'node:net';
import type { WorkMeter } from './work.js';

/**
 * Echo every byte back in order, charging the simulated work first. A full send buffer pauses
 * reading (write() returned false) until it drains, so a client that does not read cannot make
 * us buffer without bound. When the client half-closes, the rest is echoed, then our FIN.
 * Resolves when the socket is closed. `preread` holds bytes another owner read from this connection
 * before handing it over (fork's parent, watching its queue): they are echoed first.
 */
export async function echo(socket: Socket, meter: WorkMeter, preread?: Uint8Array): Promise<void> {
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const echoChunk = (chunk: Uint8Array) => {
    meter.charge(chunk.byteLength);
    if (!socket.write(chunk)) socket.pause();
  };
  if (preread !== undefined && preread.byteLength > 0) echoChunk(preread);
  socket.on('data', echoChunk);
  socket.on('drain', () => socket.resume());
  socket.on('end', () => socket.end());
  if (!socket.writableNeedDrain) socket.resume(); // else 'drain' resumes it
  await closed;
}
