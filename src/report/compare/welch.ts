/**
 * The ratio B/A of a per-repeat figure (msgs/s, p99) with a 95 % confidence interval: Welch's t-test on
 * the logarithms of the repeats, the test Node core's benchmark/compare.R applies (there on raw values).
 * On logs, noise that scales with the figure is treated evenly and the difference of means becomes a
 * ratio of geometric means, whose interval is exp(difference ± t·se). The geometric means are also the
 * figures shown beside the ratio, so A, B and B/A always agree.
 */
import { criticalT, twoSidedP } from '../../shared/student-t.js';

/** What the figures a and b of an estimate are. */
export type Figures = 'geometric mean of repeats' | 'median of repeats' | 'all samples';

export interface RatioEstimate {
  /** The figures compared: ratio = b / a. */
  a: number;
  b: number;
  figures: Figures;
  ratio: number;
  /** Null when it cannot be computed (fewer than 2 repeats on a side, zero values, no variance at all). */
  ci95: [number, number] | null;
  /** Two-sided p-value of "no difference"; null with ci95. */
  p: number | null;
  /** Why there is no interval, or what the interval covers. */
  note?: string;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function variance(values: readonly number[], centre: number): number {
  return values.reduce((sum, v) => sum + (v - centre) ** 2, 0) / (values.length - 1);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** exp(mean of logs); one value is itself (exp(log x) can miss x in the last digit). */
function geometricMean(logs: readonly number[], values: readonly number[]): number {
  return values.length === 1 ? values[0]! : Math.exp(mean(logs));
}

const unavailable = { ci95: null, p: null };

export function welchRatio(runsA: readonly number[], runsB: readonly number[]): RatioEstimate {
  if (runsA.length === 0 || runsB.length === 0) {
    return { a: NaN, b: NaN, figures: 'geometric mean of repeats', ratio: NaN, ...unavailable, note: 'no repeats' };
  }
  if ([...runsA, ...runsB].some((v) => !(v > 0))) {
    // A zero repeat has no logarithm: compare medians, which a single zero does not drag to 0.
    const [a, b] = [median(runsA), median(runsB)];
    return { a, b, figures: 'median of repeats', ratio: b / a, ...unavailable, note: 'a repeat was 0: medians, no CI' };
  }
  const logsA = runsA.map(Math.log);
  const logsB = runsB.map(Math.log);
  const a = geometricMean(logsA, runsA);
  const b = geometricMean(logsB, runsB);
  const figures = { a, b, figures: 'geometric mean of repeats' as const, ratio: b / a };
  if (runsA.length < 2 || runsB.length < 2) return { ...figures, ...unavailable, note: 'CI unavailable: 1 repeat' };
  const [meanA, meanB] = [mean(logsA), mean(logsB)];
  const varA = variance(logsA, meanA) / runsA.length;
  const varB = variance(logsB, meanB) / runsB.length;
  const se = Math.sqrt(varA + varB);
  const difference = meanB - meanA;
  if (se === 0) return { ...figures, ...unavailable, note: 'CI unavailable: no variance' };
  const df = (varA + varB) ** 2 / (varA ** 2 / (runsA.length - 1) + varB ** 2 / (runsB.length - 1));
  const half = criticalT(0.05, df) * se;
  return { ...figures, ci95: [Math.exp(difference - half), Math.exp(difference + half)], p: twoSidedP(difference / se, df) };
}
