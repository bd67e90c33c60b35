/**
 * The ratio B/A of a latency percentile (p99) with a 95 % confidence interval. The results keep one
 * merged histogram per row, not a p99 per repeat, so the interval is a bootstrap over the recorded
 * samples: in a resample of n values the p-quantile is the original's quantile at level
 * p + Z·sqrt(p(1−p)/n), Z standard normal (the normal approximation of its binomial rank), drawn
 * independently for A and B; the 2.5 % and 97.5 % points of the ratios bound the interval.
 * It covers sampling noise within each run, not run-to-run drift, so it is narrower than the
 * throughput interval: read it as "at least this uncertain". compare gives it no significance mark.
 */
import { decodeHistogram, recordedValues } from '../read-histogram.js';
import { normal, seededRandom } from './seeded-random.js';
import type { RatioEstimate } from './welch.js';

const ITERATIONS = 2000;

/** A histogram as sorted values with cumulative counts, for quantiles by binary search. */
interface Cumulative {
  values: number[];
  cumulative: number[];
  total: number;
}

function cumulativeOf(encoded: string): Cumulative {
  const { values, counts } = recordedValues(decodeHistogram(encoded));
  let running = 0;
  const cumulative = counts.map((count) => (running += count));
  return { values, cumulative, total: running };
}

/** The smallest recorded value with at least `level` (0..1) of the samples at or below it. */
function quantile(histogram: Cumulative, level: number): number {
  const wanted = Math.min(histogram.total, Math.max(1, Math.ceil(level * histogram.total)));
  let low = 0;
  let high = histogram.cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (histogram.cumulative[mid]! >= wanted) high = mid;
    else low = mid + 1;
  }
  return histogram.values[low]!;
}

function resampledQuantile(histogram: Cumulative, p: number, random: () => number): number {
  return quantile(histogram, p + Math.sqrt((p * (1 - p)) / histogram.total) * normal(random));
}

function quantileOfSorted(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

const NO_LATENCY: RatioEstimate = { a: NaN, b: NaN, figures: 'all samples', ratio: NaN, ci95: null, p: null, note: 'no latency recorded' };

export function percentileRatio(histogramA: string, histogramB: string, percentile = 99): RatioEstimate {
  if (histogramA === '' || histogramB === '') return NO_LATENCY;
  const a = cumulativeOf(histogramA);
  const b = cumulativeOf(histogramB);
  if (a.total === 0 || b.total === 0) return NO_LATENCY;
  const p = percentile / 100;
  const [quantileA, quantileB] = [quantile(a, p), quantile(b, p)];
  const random = seededRandom(0x5eed);
  const ratios = Array.from({ length: ITERATIONS }, () => resampledQuantile(b, p, random) / resampledQuantile(a, p, random)).sort((x, y) => x - y);
  const below = ratios.filter((r) => r <= 1).length / ratios.length;
  const above = ratios.filter((r) => r >= 1).length / ratios.length;
  return {
    a: quantileA,
    b: quantileB,
    figures: 'all samples',
    ratio: quantileB / quantileA,
    ci95: [quantileOfSorted(ratios, 0.025), quantileOfSorted(ratios, 0.975)],
    p: Math.min(1, 2 * Math.min(below, above)),
    note: 'CI: sampling noise only',
  };
}
