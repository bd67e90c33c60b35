/**
 * Simulated service work: real CPU (an FNV-1a style hash loop), never a sleep.
 *
 * The charge is `usPerBlock` µs of CPU for every complete `blockBytes` bytes a connection
 * has received, counted with a carry across reads. The total CPU for a connection therefore
 * depends only on how many bytes it echoed, not on how TCP split them: a message of S bytes
 * costs usPerBlock * S / blockBytes µs (with S a multiple of blockBytes).
 *
 * The loop is calibrated once at start-up (iterations per µs) by the serving process and
 * handed to every child and thread, so each model burns the same iterations per byte.
 */
export interface WorkSpec {
  /** µs of CPU charged per complete block; 0 disables work. */
  readonly usPerBlock: number;
  readonly blockBytes: number;
  /** Calibrated speed of `burn` on this machine. */
  readonly iterationsPerUs: number;
}

export const NO_WORK: WorkSpec = { usPerBlock: 0, blockBytes: 64, iterationsPerUs: 0 };

/** Hash `iterations` rounds; returns the hash so the JIT cannot drop the loop. */
export function burn(iterations: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < iterations; i++) {
    hash ^= i & 0xff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Iterations of `burn` per µs: best of several short rounds, so a busy moment does not skew it. */
export function calibrate(roundMs = 20, rounds = 8): number {
  let iterations = 100_000;
  let best = 0;
  burn(iterations); // let the JIT optimise before timing
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    burn(iterations);
    const us = Number(process.hrtime.bigint() - start) / 1000;
    best = Math.max(best, iterations / us);
    iterations = Math.max(1000, Math.round(best * roundMs * 1000));
  }
  return best;
}

/** Per-connection meter: counts bytes with a carry and returns the iterations they owe. */
export class WorkMeter {
  private carry = 0;
  private readonly iterationsPerBlock: number;

  constructor(private readonly spec: WorkSpec) {
    this.iterationsPerBlock = Math.round(spec.usPerBlock * spec.iterationsPerUs);
  }

  /** Iterations owed for `bytes` more received bytes (0 when work is off). */
  iterationsFor(bytes: number): number {
    if (this.iterationsPerBlock === 0) return 0;
    this.carry += bytes;
    const blocks = Math.floor(this.carry / this.spec.blockBytes);
    this.carry -= blocks * this.spec.blockBytes;
    return blocks * this.iterationsPerBlock;
  }

  /** Charge and burn the work for `bytes` on the calling thread. */
  charge(bytes: number): void {
    const iterations = this.iterationsFor(bytes);
    if (iterations > 0) burn(iterations);
  }
}
