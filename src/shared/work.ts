/**
 * Simulated service work: real CPU spent hashing (PBKDF2-HMAC-SHA256 rounds, native code), never a
 * sleep. Native hashing costs the same on any thread or process, unlike a JavaScript loop whose
 * speed depends on how the JIT happened to compile it at each call site.
 *
 * The charge is `usPerBlock` µs of CPU for every complete `blockBytes` bytes a connection has
 * received, counted with a carry across reads. The total CPU for a connection therefore depends
 * only on how many bytes it echoed, not on how TCP split them: a message of S bytes costs
 * usPerBlock * S / blockBytes µs (with S a multiple of blockBytes).
 *
 * The hash is calibrated once at start-up by the serving process (rounds per µs, and the fixed
 * cost of one call) and handed to every child and thread, so each model burns the same rounds per
 * byte. One charge costs at least one call (a few µs): finer work than that is rounded up.
 */
import { pbkdf2Sync } from 'node:crypto';

export interface WorkSpec {
  /** µs of CPU charged per complete block; 0 disables work. */
  readonly usPerBlock: number;
  readonly blockBytes: number;
  /** Calibrated: hash rounds per µs, and the fixed µs of one call. */
  readonly iterationsPerUs: number;
  readonly overheadUs: number;
}

export type Calibration = Pick<WorkSpec, 'iterationsPerUs' | 'overheadUs'>;

export const NO_WORK: WorkSpec = { usPerBlock: 0, blockBytes: 64, iterationsPerUs: 0, overheadUs: 0 };

const PASSWORD = Buffer.alloc(32, 0x5a);
const SALT = Buffer.alloc(16, 0xa5);

/** Spend CPU on `iterations` hash rounds. */
export function burn(iterations: number): void {
  if (iterations > 0) pbkdf2Sync(PASSWORD, SALT, iterations, 32, 'sha256');
}

/** Median µs per call of `burn(iterations)` over `calls` calls: the typical cost, as service will see it. */
function medianCallUs(iterations: number, calls: number): number {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    burn(iterations);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return times.sort((a, b) => a - b)[calls >> 1]!;
}

/** Fit time = overhead + iterations / rate from two sizes, each the median of several calls (~80 ms). */
export function calibrate(): Calibration {
  const small = 200;
  const large = 4000;
  medianCallUs(small, 5); // warm up
  const tSmall = medianCallUs(small, 31);
  const tLarge = medianCallUs(large, 11);
  const iterationsPerUs = (large - small) / (tLarge - tSmall);
  return { iterationsPerUs, overheadUs: Math.max(0, tSmall - small / iterationsPerUs) };
}

/** Rounds that cost `us` µs of CPU in one call (at least one round). */
export function iterationsForUs(spec: WorkSpec, us: number): number {
  return Math.max(1, Math.round((us - spec.overheadUs) * spec.iterationsPerUs));
}

/** Per-connection meter: counts bytes with a carry and returns the rounds they owe. */
export class WorkMeter {
  private carry = 0;

  constructor(private readonly spec: WorkSpec) {}

  /** Rounds owed for `bytes` more received bytes (0 when work is off or no block completed). */
  iterationsFor(bytes: number): number {
    if (this.spec.usPerBlock === 0) return 0;
    this.carry += bytes;
    const blocks = Math.floor(this.carry / this.spec.blockBytes);
    this.carry -= blocks * this.spec.blockBytes;
    return blocks === 0 ? 0 : iterationsForUs(this.spec, blocks * this.spec.usPerBlock);
  }

  /** Charge and burn the work for `bytes` on the calling thread. */
  charge(bytes: number): void {
    burn(this.iterationsFor(bytes));
  }
}
