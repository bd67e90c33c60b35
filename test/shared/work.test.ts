/** WorkMeter: work is owed per complete block received, with bytes and µs carried across reads, so how TCP splits a stream cannot change what it costs. */
import { describe, expect, it } from 'vitest';
import { NO_WORK, WorkMeter, type WorkSpec } from '../../src/shared/work.js';

/** 2 rounds per µs and no fixed cost per call: rounds are exactly twice the µs charged. */
const spec = (usPerBlock: number, blockBytes: number, overheadUs = 0): WorkSpec => ({ usPerBlock, blockBytes, iterationsPerUs: 2, overheadUs });

/** Total rounds for `total` bytes arriving in reads of the given sizes (cycled). */
function roundsFor(meter: WorkMeter, total: number, sizes: readonly number[]): number {
  let rounds = 0;
  for (let sent = 0, i = 0; sent < total; i++) {
    const bytes = Math.min(sizes[i % sizes.length]!, total - sent);
    rounds += meter.iterationsFor(bytes);
    sent += bytes;
  }
  return rounds;
}

describe('WorkMeter', () => {
  it('owes nothing when work is off', () => {
    expect(roundsFor(new WorkMeter(NO_WORK), 1 << 20, [1500])).toBe(0);
  });

  it('carries bytes short of a block to the next read', () => {
    const meter = new WorkMeter(spec(10, 64));
    expect(meter.iterationsFor(63)).toBe(0);
    expect(meter.iterationsFor(1)).toBe(20); // one block: 10 µs
    expect(meter.iterationsFor(100)).toBe(20); // one block, 36 bytes carried
    expect(meter.iterationsFor(28)).toBe(20); // 36 + 28 = one block
  });

  it('carries µs owed until a charge is worth a call, and loses none', () => {
    // 2 µs fixed cost per call: charges of at least 8 µs; each pays its µs less that cost.
    const meter = new WorkMeter(spec(1, 1, 2));
    expect(meter.iterationsFor(7)).toBe(0);
    expect(meter.iterationsFor(1)).toBe((8 - 2) * 2);
    expect(meter.iterationsFor(3)).toBe(0);
    expect(meter.iterationsFor(5)).toBe((8 - 2) * 2);
  });

  it.each([
    ['one read', [6400]],
    ['one byte at a time', [1]],
    ['reads across block edges', [1, 63, 65, 100, 7]],
    ['reads of a block and a half', [96]],
  ])('costs the same for a stream however it is split: %s', (_case, sizes) => {
    // 100 blocks of 3 µs: 300 µs, 600 rounds.
    expect(roundsFor(new WorkMeter(spec(3, 64)), 6400, sizes)).toBe(600);
  });
});

describe('work given in hash rounds (serve --work-rounds)', () => {
  it('burns exactly the rounds given per block, whatever the nominal µs, so servers given the same rounds do the same work', async () => {
    const { workOfRounds } = await import('../../src/shared/work.js');
    const meter = new WorkMeter(workOfRounds(1000, 64, 6_250));
    expect(meter.iterationsFor(64)).toBe(6_250);
    expect(roundsFor(new WorkMeter(workOfRounds(1000, 64, 6_250)), 64 * 100, [1, 7, 64, 300])).toBe(625_000);
  });
});

describe('calibrate', () => {
  it('reads the hash\'s own cost from the fastest calls, so calls that waited for a CPU do not make "1 ms" cheaper', async () => {
    const { calibrate } = await import('../../src/shared/work.js');
    // A machine where every call costs 10 µs + 1 µs per 5 rounds, and two calls in three wait 2 ms for a CPU first.
    let call = 0;
    const loaded = (iterations: number) => 10 + iterations / 5 + (call++ % 3 === 0 ? 0 : 2000);
    const { iterationsPerUs, overheadUs } = calibrate(loaded);
    expect(iterationsPerUs).toBeCloseTo(5, 6);
    expect(overheadUs).toBeCloseTo(10, 6);
  });
});
