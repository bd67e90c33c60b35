/**
 * Test hook (`--crash-token`): a chunk that is exactly the token makes the serving child or
 * thread die abruptly, so tests can show that a crash ends only its own connection. Checked where
 * a chunk is served: echo.ts for the owners of sockets, the pool task for hsha.
 */
export function isCrashToken(chunk: Uint8Array, token: string | undefined): boolean {
  return token !== undefined && chunk.byteLength === token.length && Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1') === token;
}
