/** The statistics of repeated measurements: the estimate every msgs/s figure carries, and Jain's fairness index. */
import { describe, expect, it } from 'vitest';
import { estimate, jainIndex } from '../../src/harness/rows/stats.js';

describe('estimate', () => {
  it('is the median of the runs with their range: the statistic and its bracket from the same order of the runs', () => {
    const { median: middle, range, runs } = estimate([15, 10, 11]);
    expect(middle).toBe(11);
    expect(range).toEqual([10, 15]);
    expect(runs).toEqual([15, 10, 11]);
  });

  it('never brackets a positive rate below zero, however skewed the repeats (a t interval on the mean did: 15,400 [−1,357 – 25,912])', () => {
    // The reference run's fork echo-small c=16 repeats: one stalled window among three.
    const { median: middle, range } = estimate([15_400, 25_000, 3_000]);
    expect(middle).toBe(15_400);
    expect(range[0]).toBe(3_000);
    expect(range[0]).toBeGreaterThan(0);
  });

  it('takes the middle pair of an even count, and the whole spread as its range', () => {
    expect(estimate([1, 2, 3, 10])).toMatchObject({ median: 2.5, range: [1, 10] });
  });

  it('gives identical runs and one run a range of zero width; no run, no figure', () => {
    expect(estimate([5, 5, 5])).toEqual({ median: 5, range: [5, 5], runs: [5, 5, 5] });
    expect(estimate([7])).toEqual({ median: 7, range: [7, 7], runs: [7] });
    expect(estimate([])).toEqual({ median: 0, range: [0, 0], runs: [] });
  });

  it('keeps its own copy of the runs', () => {
    const runs = [3, 1, 2];
    const result = estimate(runs);
    runs.push(100);
    expect(result.runs).toEqual([3, 1, 2]);
  });
});

describe("Jain's fairness index", () => {
  it('is 1 when every connection got the same, 1/n when one got everything', () => {
    expect(jainIndex([5, 5, 5, 5])).toBe(1);
    expect(jainIndex([12, 0, 0, 0])).toBe(0.25);
    // (1 + 3)² / (2 × (1² + 3²)) = 16 / 20
    expect(jainIndex([1, 3])).toBeCloseTo(0.8, 12);
  });

  it('is 1 for no connections and 0 when none got anything', () => {
    expect(jainIndex([])).toBe(1);
    expect(jainIndex([0, 0, 0])).toBe(0);
  });
});
