/** The two chunk sizes every hop is measured with: the echo-small message and a full 64 KiB socket read. */
export const SMALL = 64;
export const LARGE = 64 * 1024;

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

/** A chunk that owns its whole ArrayBuffer (so it can be transferred), filled with a known pattern. */
export function chunk(bytes: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) data[i] = i & 0xff;
  return data;
}
