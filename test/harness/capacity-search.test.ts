/** The capacity search as a pure function over a fake measure(rate): a model with a known wall, a generator with a known ceiling. */
import { describe, expect, it } from 'vitest';
import { SEARCH_DEFAULTS, searchCapacity, type SearchSettings, type StepOutcome } from '../../src/harness/capacity/search.js';

/** A model that sustains every rate up to `wall`, driven by a generator that falls behind above `generatorCeiling`; it fails steadily (in every interval). */
function fakeModel(wall: number, generatorCeiling = Number.POSITIVE_INFINITY) {
  const offered: number[] = [];
  const measure = async (rate: number): Promise<StepOutcome> => {
    offered.push(rate);
    const clientBound = rate > generatorCeiling;
    return { passed: rate <= wall && !clientBound, clientBound, throughout: true };
  };
  return { measure, offered };
}

const settings = (startRate: number, more: Partial<SearchSettings> = {}): SearchSettings => ({ ...SEARCH_DEFAULTS, startRate, ...more });
/** How narrow the bracket must end: the climb's factor halved (geometrically) by each bisection, plus whole-rate rounding. */
const resolution = (s: SearchSettings) => s.factor ** (1 / 2 ** s.bisections) * 1.01;

describe('capacity search', () => {
  it.each([
    [1_000, 20_000],
    [1_000, 1_500],
    [500, 123_456],
    [8_000, 8_000],
  ])('start %d, wall %d: brackets the wall within the bisection resolution', async (start, wall) => {
    const s = settings(start);
    const { measure, offered } = fakeModel(wall);
    const answer = await searchCapacity(s, measure);
    expect(answer.sustainedRate).not.toBeNull();
    expect(answer.sustainedRate!).toBeLessThanOrEqual(wall);
    expect(answer.firstFailingRate!).toBeGreaterThan(wall);
    expect(answer.firstFailingRate! / answer.sustainedRate!).toBeLessThanOrEqual(resolution(s));
    expect(answer.lowerBound).toBe(false);
    // Every step is kept, in the order measured: the curve.
    expect(answer.steps.map((step) => step.rate)).toEqual(offered);
    expect(answer.steps.filter((step) => step.passed).map((step) => step.rate)).toContain(answer.sustainedRate);
  });

  it('a start above the wall descends, then bisects', async () => {
    const s = settings(50_000);
    const { measure, offered } = fakeModel(4_000);
    const answer = await searchCapacity(s, measure);
    expect(offered[0]).toBe(50_000);
    expect(offered[1]).toBe(25_000);
    expect(answer.sustainedRate!).toBeLessThanOrEqual(4_000);
    expect(answer.firstFailingRate!).toBeGreaterThan(4_000);
    expect(answer.firstFailingRate! / answer.sustainedRate!).toBeLessThanOrEqual(resolution(s));
  });

  it('stops soon after saturation: one climbing step past the wall, the rest between the last pass and it', async () => {
    const s = settings(1_000);
    const wall = 10_000;
    const { measure, offered } = fakeModel(wall);
    const answer = await searchCapacity(s, measure);
    const firstFail = offered.find((rate) => rate > wall)!;
    // Nothing is offered beyond the first failure, and after it only bisection steps remain.
    expect(Math.max(...offered)).toBe(firstFail);
    expect(offered.slice(offered.indexOf(firstFail) + 1).every((rate) => rate < firstFail && rate >= answer.sustainedRate!)).toBe(true);
    expect(offered.length - offered.indexOf(firstFail) - 1).toBeLessThanOrEqual(s.bisections);
    expect(firstFail).toBeLessThanOrEqual(wall * s.factor);
  });

  it('a model that never fails: the climb ends after maxClimbSteps and the answer is a lower bound', async () => {
    const s = settings(1_000);
    const { measure, offered } = fakeModel(Number.POSITIVE_INFINITY);
    const answer = await searchCapacity(s, measure);
    expect(offered).toHaveLength(1 + s.maxClimbSteps);
    expect(answer).toMatchObject({ firstFailingRate: null, lowerBound: true, sustainedRate: offered.at(-1) });
  });

  it('a model that always fails: at most maxDescentSteps down, never below minRate, no sustained rate', async () => {
    const s = settings(100_000);
    const { measure, offered } = fakeModel(0);
    const answer = await searchCapacity(s, measure);
    expect(offered.length).toBeLessThanOrEqual(1 + s.maxDescentSteps);
    expect(Math.min(...offered)).toBeGreaterThanOrEqual(s.minRate);
    expect(answer.sustainedRate).toBeNull();
    expect(answer.firstFailingRate).toBe(Math.min(...offered));
  });

  it('never starts below minRate', async () => {
    const s = settings(10);
    const { measure, offered } = fakeModel(5_000);
    await searchCapacity(s, measure);
    expect(offered[0]).toBe(s.minRate);
  });

  it('a failure where the generator fell behind makes the answer a lower bound', async () => {
    const s = settings(1_000);
    const { measure } = fakeModel(50_000, 6_000);
    const answer = await searchCapacity(s, measure);
    expect(answer.sustainedRate!).toBeLessThanOrEqual(6_000);
    expect(answer.steps.some((step) => !step.passed && step.clientBound)).toBe(true);
    expect(answer.lowerBound).toBe(true);
  });

  it('a generator that keeps up at every failing step leaves the answer a bracket, not a bound', async () => {
    const { measure } = fakeModel(5_000, 7_000);
    const answer = await searchCapacity(settings(1_000), measure);
    // The first failure (8,000) is client-bound here: a bound. With the ceiling above every failing step it is not.
    expect(answer.lowerBound).toBe(true);
    const clean = await searchCapacity(settings(1_000), fakeModel(5_000, 1e9).measure);
    expect(clean.lowerBound).toBe(false);
  });

  it('climbs no higher than maxRate: the answer is then a lower bound', async () => {
    const offered: number[] = [];
    const measure = async (rate: number): Promise<StepOutcome> => {
      offered.push(rate);
      return { passed: true, clientBound: false, throughout: false };
    };
    const answer = await searchCapacity(settings(1_000, { maxRate: 5_000 }), measure);
    expect(offered).toEqual([1_000, 2_000, 4_000]);
    expect(answer).toMatchObject({ sustainedRate: 4_000, firstFailingRate: null, lowerBound: true });
  });

  describe('a step that failed in some intervals only (perhaps one stall) is measured once more before the search goes below it', () => {
    /** A model with a wall at `wall` whose steps at `stalled` fail once, in one interval, then pass. */
    function stallingModel(wall: number, stalled: Set<number>) {
      const offered: { rate: number; confirms: boolean }[] = [];
      const measure = async (rate: number, confirms: boolean): Promise<StepOutcome> => {
        offered.push({ rate, confirms });
        if (stalled.delete(rate)) return { passed: false, clientBound: false, throughout: false };
        return { passed: rate <= wall, clientBound: false, throughout: true };
      };
      return { measure, offered };
    }

    it('a stall at a rate below the wall does not decide it: the second measurement passes and the climb goes on', async () => {
      const { measure, offered } = stallingModel(10_000, new Set([2_000]));
      const answer = await searchCapacity(settings(1_000), measure);
      expect(offered.slice(0, 3)).toEqual([
        { rate: 1_000, confirms: false },
        { rate: 2_000, confirms: false },
        { rate: 2_000, confirms: true },
      ]);
      expect(offered[3]!.rate).toBe(4_000);
      expect(answer.sustainedRate!).toBeGreaterThan(4_000);
      expect(answer.firstFailingRate!).toBeGreaterThan(10_000);
      expect(answer.steps.filter((step) => step.confirms).map((step) => step.rate)).toEqual([2_000]);
    });

    it('a failure it confirms stands: the search goes below it only after the second failure', async () => {
      const offered: { rate: number; confirms: boolean }[] = [];
      const measure = async (rate: number, confirms: boolean): Promise<StepOutcome> => {
        offered.push({ rate, confirms });
        return { passed: rate <= 3_000, clientBound: false, throughout: false };
      };
      const answer = await searchCapacity(settings(2_000, { bisections: 0 }), measure);
      expect(offered).toEqual([
        { rate: 2_000, confirms: false },
        { rate: 4_000, confirms: false },
        { rate: 4_000, confirms: true },
      ]);
      expect(answer).toMatchObject({ sustainedRate: 2_000, firstFailingRate: 4_000, lowerBound: false });
    });

    it('a steady failure (every interval failed) is measured once', async () => {
      const { measure, offered } = fakeModel(3_000);
      await searchCapacity(settings(2_000, { bisections: 0 }), measure);
      expect(offered).toEqual([2_000, 4_000]);
    });

    it('a client-bound failure that the second measurement overturns does not make the answer a lower bound', async () => {
      let first = true;
      const measure = async (rate: number): Promise<StepOutcome> => {
        if (rate === 2_000 && first) {
          first = false;
          return { passed: false, clientBound: true, throughout: false };
        }
        return { passed: rate <= 3_000, clientBound: false, throughout: true };
      };
      const answer = await searchCapacity(settings(1_000, { bisections: 0 }), measure);
      expect(answer).toMatchObject({ sustainedRate: 2_000, firstFailingRate: 4_000, lowerBound: false });
    });
  });

  it('bisects no further once its steps took maxSearchMs: long low-rate steps get a wider bracket, not a longer search', async () => {
    const offered: number[] = [];
    const measure = async (rate: number): Promise<StepOutcome> => {
      offered.push(rate);
      return { passed: rate <= 5_000, clientBound: false, throughout: true, ms: 1_000 };
    };
    const answer = await searchCapacity(settings(2_000, { bisections: 3, maxSearchMs: 3_000 }), measure);
    // 2,000 and 4,000 pass, 8,000 fails: three steps, three seconds, no bisection.
    expect(offered).toEqual([2_000, 4_000, 8_000]);
    expect(answer).toMatchObject({ sustainedRate: 4_000, firstFailingRate: 8_000 });
  });
});
