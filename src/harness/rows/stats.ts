/** Summary statistics for repeated measurements. */
import { criticalT } from '../../shared/student-t.js';
import type { Estimate } from '../../results/schema.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Median of the runs, with a 95% confidence interval for the mean (Student's t): with 3 repeats no
 * distribution-free interval for the median reaches 95%. One run: the interval is that run alone.
 */
export function estimate(runs: readonly number[]): Estimate {
  const m = mean(runs);
  if (runs.length < 2) return { median: m, ci95: [m, m], runs: [...runs] };
  const variance = runs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (runs.length - 1);
  const half = (criticalT(0.05, runs.length - 1) * Math.sqrt(variance)) / Math.sqrt(runs.length);
  return { median: median(runs), ci95: [m - half, m + half], runs: [...runs] };
}

/** Jain's fairness index: 1 when every connection got the same, 1/n when one got everything. */
export function jainIndex(values: readonly number[]): number {
  if (values.length === 0) return 1;
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 0 : (sum * sum) / (values.length * squares);
}
