/** The statistics of repeated measurements: the estimate every msgs/s figure carries, and Jain's fairness index. */
import { describe, expect, it } from 'vitest';
import { estimate, jainIndex } from '../../src/harness/rows/stats.js';

/** Student's t for a two-sided 95 % interval, from the printed tables (not from the code under test). */
const T_975 = { df2: 4.303, df3: 3.182 };

describe('estimate', () => {
  it('is the median of the runs, with a 95 % Student-t interval around their mean', () => {
    // mean 12, sample variance (4 + 1 + 9) / 2 = 7, three runs: half-width t(2) × √7 / √3.
    const { median: middle, ci95, runs } = estimate([15, 10, 11]);
    const half = (T_975.df2 * Math.sqrt(7)) / Math.sqrt(3);
    expect(middle).toBe(11);
    expect(ci95[0]).toBeCloseTo(12 - half, 2);
    expect(ci95[1]).toBeCloseTo(12 + half, 2);
    expect(runs).toEqual([15, 10, 11]);
  });

  it('takes the degrees of freedom from the number of runs', () => {
    // mean 4, sample variance (9 + 4 + 1 + 36) / 3, four runs: t(3); the median of an even count is the middle pair's mean.
    const { median: middle, ci95 } = estimate([1, 2, 3, 10]);
    const half = (T_975.df3 * Math.sqrt(50 / 3)) / Math.sqrt(4);
    expect(middle).toBe(2.5);
    expect(ci95[0]).toBeCloseTo(4 - half, 2);
    expect(ci95[1]).toBeCloseTo(4 + half, 2);
  });

  it('gives identical runs an interval of zero width, and one run an interval of that run alone', () => {
    expect(estimate([5, 5, 5])).toEqual({ median: 5, ci95: [5, 5], runs: [5, 5, 5] });
    expect(estimate([7])).toEqual({ median: 7, ci95: [7, 7], runs: [7] });
    expect(estimate([])).toEqual({ median: 0, ci95: [0, 0], runs: [] });
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
