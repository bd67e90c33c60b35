/** Summary statistics for repeated measurements. */
import type { Estimate } from './results-schema.js';

/** Student's t, two-sided 95% (0.975 quantile), for 1..30 degrees of freedom; 1.96 beyond. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093,
  2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tQuantile975(degreesOfFreedom: number): number {
  return T_975[degreesOfFreedom - 1] ?? 1.96;
}

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
  const half = (tQuantile975(runs.length - 1) * Math.sqrt(variance)) / Math.sqrt(runs.length);
  return { median: median(runs), ci95: [m - half, m + half], runs: [...runs] };
}

/** Jain's fairness index: 1 when every connection got the same, 1/n when one got everything. */
export function jainIndex(values: readonly number[]): number {
  if (values.length === 0) return 1;
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 0 : (sum * sum) / (values.length * squares);
}
