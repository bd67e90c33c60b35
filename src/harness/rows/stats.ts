/** Summary statistics for repeated measurements. */
import type { Estimate } from '../../results/schema.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median of the runs and their range (lowest to highest). With three skewed repeats (one stalled
 * window among them is common here) a Student-t interval on the mean is wide, centred on another
 * statistic than the median shown, and can reach below zero; the range is what was measured, and two
 * rows whose ranges do not overlap differ by an exact permutation test (see report/intervals.ts).
 */
export function estimate(runs: readonly number[]): Estimate {
  if (runs.length === 0) return { median: 0, range: [0, 0], runs: [] };
  return { median: median(runs), range: [Math.min(...runs), Math.max(...runs)], runs: [...runs] };
}

/** Jain's fairness index: 1 when every connection got the same, 1/n when one got everything. */
export function jainIndex(values: readonly number[]): number {
  if (values.length === 0) return 1;
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 0 : (sum * sum) / (values.length * squares);
}
