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
 * The hash is calibrated once (rounds per µs, and the fixed cost of one call) and handed to every
 * child and thread, so each model burns the same rounds per byte. The bench calibrates once per run,
 * on the server's CPUs, and gives every server the rounds per block (`serve --work-rounds`): two
 * servers that calibrated on their own differ on a shared machine, and would compare different
 * work. One call has a fixed cost of a few µs, so finer work is owed and paid in larger charges.
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

/**
 * The fastest of `calls` calls of `burn(iterations)`, in µs: the call's own CPU cost. On a shared
 * machine a call can wait for a CPU mid-way, and a clock counts that wait as work; a typical (median)
 * call then sets too few rounds for the µs asked. A wait only ever adds time, so
 * the fastest call is the one that waited least. (The thread's CPU clock would be the direct measure,
 * but this kernel counts it in 4 ms ticks.)
 */
function fastestCallUs(iterations: number, calls: number, timeCall: (iterations: number) => number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < calls; i++) fastest = Math.min(fastest, timeCall(iterations));
  return fastest;
}

/** µs on the clock for one call of `burn(iterations)`. */
function timeBurn(iterations: number): number {
  const start = process.hrtime.bigint();
  burn(iterations);
  return Number(process.hrtime.bigint() - start) / 1000;
}

/** Fit time = overhead + iterations / rate from two sizes, each the fastest of several calls. */
export function calibrate(timeCall: (iterations: number) => number = timeBurn): Calibration {
  const small = 200;
  const large = 4000;
  fastestCallUs(small, 5, timeCall); // warm up
  const tSmall = fastestCallUs(small, 31, timeCall);
  const tLarge = fastestCallUs(large, 21, timeCall);
  const iterationsPerUs = (large - small) / (tLarge - tSmall);
  return { iterationsPerUs, overheadUs: Math.max(0, tSmall - small / iterationsPerUs) };
}

/** The spec that burns exactly `roundsPerBlock` rounds per block: `usPerBlock` is then the work's nominal cost, as calibrated elsewhere. */
export function workOfRounds(usPerBlock: number, blockBytes: number, roundsPerBlock: number): WorkSpec {
  return { usPerBlock, blockBytes, iterationsPerUs: roundsPerBlock / usPerBlock, overheadUs: 0 };
}

/** Rounds that cost `us` µs of CPU in one call (at least one round). */
export function iterationsForUs(spec: WorkSpec, us: number): number {
  return Math.max(1, Math.round((us - spec.overheadUs) * spec.iterationsPerUs));
}

/**
 * Per-connection meter: counts bytes with a carry, and µs owed with a carry too. Work is paid in
 * charges of at least a few calls' fixed cost, so that how TCP splits the stream cannot change the
 * CPU spent: a hundred 64-byte reads owing 1 µs each cost the same as one 6,400-byte read.
 */
export class WorkMeter {
  private carryBytes = 0;
  private owedUs = 0;
  private readonly minChargeUs: number;

  constructor(private readonly spec: WorkSpec) {
    this.minChargeUs = Math.max(1, 4 * spec.overheadUs);
  }

  /** Rounds to burn now for `bytes` more received bytes (0 when work is off or not enough is owed yet). */
  iterationsFor(bytes: number): number {
    if (this.spec.usPerBlock === 0) return 0;
    this.carryBytes += bytes;
    const blocks = Math.floor(this.carryBytes / this.spec.blockBytes);
    this.carryBytes -= blocks * this.spec.blockBytes;
    this.owedUs += blocks * this.spec.usPerBlock;
    if (this.owedUs < this.minChargeUs) return 0;
    const us = this.owedUs;
    this.owedUs = 0;
    return iterationsForUs(this.spec, us);
  }

  /** Charge and burn the work for `bytes` on the calling thread. */
  charge(bytes: number): void {
    burn(this.iterationsFor(bytes));
  }
}
