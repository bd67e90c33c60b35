/**
 * Test hook (`--crash-token`): a chunk that is exactly the token makes the serving child or
 * thread die abruptly, so tests can show that a crash ends only its own connection.
 */
import type { Socket } from 'node:net';

export function isCrashToken(chunk: Uint8Array, token: string | undefined): boolean {
  return token !== undefined && chunk.byteLength === token.length && Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1') === token;
}

/** Call `die` (before any other reader sees the chunk) when the socket reads exactly the token. */
export function watchForCrashToken(socket: Socket, token: string | undefined, die: () => void): void {
  if (token === undefined) return;
  socket.prependListener('data', (chunk: Buffer) => {
    if (isCrashToken(chunk, token)) die();
  });
}
