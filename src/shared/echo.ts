/** The echo itself, for models whose serving thread owns the socket. */
import type { Socket } from 'node:net';
import { isCrashToken } from './crash-token.js';
import type { WorkMeter } from './work.js';

export interface EchoExtras {
  /** Bytes another owner read from this connection before handing it over (fork's parent, watching its queue): echoed first. */
  preread?: Uint8Array;
  /** Test hook (--crash-token): a chunk that is exactly `token` makes this owner `die`, before the chunk is served. */
  crash?: { token: string; die: () => void };
}

/**
 * Echo every byte back in order, charging the simulated work first. A full send buffer pauses
 * reading (write() returned false) until it drains, so a client that does not read cannot make
 * us buffer without bound. When the client half-closes, the rest is echoed, then our FIN.
 * Resolves when the socket is closed.
 */
export async function echo(socket: Socket, meter: WorkMeter, { preread, crash }: EchoExtras = {}): Promise<void> {
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const echoChunk = (chunk: Uint8Array) => {
    meter.charge(chunk.byteLength);
    if (!socket.write(chunk)) socket.pause();
  };
  // One 'data' listener, with the crash check only when a token is set: the hot path stays one call.
  const onChunk = crash === undefined ? echoChunk : (chunk: Uint8Array) => {
    if (isCrashToken(chunk, crash.token)) crash.die();
    echoChunk(chunk);
  };
  if (preread !== undefined && preread.byteLength > 0) onChunk(preread);
  socket.on('data', onChunk);
  socket.on('drain', () => socket.resume());
  socket.on('end', () => socket.end());
  if (!socket.writableNeedDrain) socket.resume(); // else 'drain' resumes it
  await closed;
}
