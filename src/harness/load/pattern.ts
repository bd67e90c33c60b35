/**
 * What the generator sends, so every echoed byte can be checked. Connection i's byte stream is a
 * fixed random pattern read from offset seed(i), wrapping every PERIOD bytes; PERIOD is a prime far
 * larger than any message, so a lost, duplicated, reordered or foreign byte shows as a mismatch.
 * Messages are views into the pattern: sending copies nothing.
 */
import { randomFillSync } from 'node:crypto';

const PERIOD = 1_000_003;

export class Pattern {
  private readonly bytes: Buffer;

  constructor(maxMessageSize: number) {
    // PERIOD bytes of noise, then its first maxMessageSize bytes again, so any message is one contiguous view.
    this.bytes = Buffer.allocUnsafe(PERIOD + maxMessageSize);
    randomFillSync(this.bytes, 0, PERIOD);
    this.bytes.copy(this.bytes, PERIOD, 0, maxMessageSize);
  }

  static seed(connection: number): number {
    return (connection * 7919 + 13) % PERIOD;
  }

  /** The `size` bytes at stream position `position` of a connection with this seed. */
  message(seed: number, position: number, size: number): Buffer {
    const offset = (seed + position) % PERIOD;
    return this.bytes.subarray(offset, offset + size);
  }

  /** True if `chunk` is what the stream holds at `position`. */
  matches(seed: number, position: number, chunk: Buffer): boolean {
    for (let done = 0; done < chunk.length; ) {
      const offset = (seed + position + done) % PERIOD;
      const length = Math.min(chunk.length - done, this.bytes.length - offset);
      if (chunk.compare(this.bytes, offset, offset + length, done, done + length) !== 0) return false;
      done += length;
    }
    return true;
  }
}
