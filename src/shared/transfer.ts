/** Handing bytes to another thread without copying them. */

/**
 * A view that owns its whole ArrayBuffer, so transferring it moves exactly these bytes.
 * Socket reads usually own theirs (then nothing is copied); a slice of a shared pool is copied once,
 * because transferring the pool would detach other buffers' bytes.
 */
export function detachable(chunk: Uint8Array): Uint8Array<ArrayBuffer> {
  const ownsBuffer = chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
  return ownsBuffer ? (chunk as Uint8Array<ArrayBuffer>) : new Uint8Array(chunk);
}
