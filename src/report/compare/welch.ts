/**
 * The ratio B/A of a per-repeat figure (msgs/s) with a 95 % confidence interval: Welch's t-test on the
 * logarithms of the repeats, the test Node core's benchmark/compare.R applies (there on raw values).
 * On logs, noise that scales with the figure is treated evenly and the difference of means becomes a
 * ratio (of geometric means), whose interval is exp(difference ± t·se).
 */
import { criticalT, twoSidedP } from '../../shared/student-t.js';

export interface RatioEstimate {
  ratio: number;
  /** Null when it cannot be computed (fewer than 2 repeats on a side, zero values, no variance at all). */
  ci95: [number, number] | null;
  /** Two-sided p-value of "no difference"; null with ci95. */
  p: number | null;
  /** Why there is no interval. */
  note?: string;
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function welchRatio(runsA: readonly number[], runsB: readonly number[]): RatioEstimate {
  if (runsA.length === 0 || runsB.length === 0) return { ratio: NaN, ci95: null, p: null, note: 'no repeats' };
  const pointRatio = median(runsB) / median(runsA);
  if (runsA.length < 2 || runsB.length < 2) return { ratio: pointRatio, ci95: null, p: null, note: 'CI unavailable: 1 repeat' };
  if ([...runsA, ...runsB].some((v) => !(v > 0))) return { ratio: pointRatio, ci95: null, p: null, note: 'CI unavailable: zero values' };
  const a = meanAndVariance(runsA.map(Math.log));
  const b = meanAndVariance(runsB.map(Math.log));
  const varA = a.variance / runsA.length;
  const varB = b.variance / runsB.length;
  const se = Math.sqrt(varA + varB);
  const difference = b.mean - a.mean;
  if (se === 0) return { ratio: Math.exp(difference), ci95: null, p: null, note: 'CI unavailable: no variance' };
  const df = (varA + varB) ** 2 / (varA ** 2 / (runsA.length - 1) + varB ** 2 / (runsB.length - 1));
  const half = criticalT(0.05, df) * se;
  return { ratio: Math.exp(difference), ci95: [Math.exp(difference - half), Math.exp(difference + half)], p: twoSidedP(difference / se, df) };
}
