/**
 * How many answers a latency percentile needs before it is a figure. The q-th percentile of fewer than
 * 1 / (1 − q) answers is their maximum, or near it: a p99 of 10 answers is the slowest of ten, which
 * a reader would take for a tail that was never observed. Such a percentile is absent (null, "—"),
 * and every latency figure of a row with fewer answers than its finest percentile needs carries the count.
 */
export type Percentile = 'p50' | 'p90' | 'p99' | 'p999';

const SHARE_BELOW: Record<Percentile, number> = { p50: 0.5, p90: 0.9, p99: 0.99, p999: 0.999 };

/** The answers the percentile needs: at least one beyond it. */
export function answersNeeded(percentile: Percentile): number {
  return Math.round(1 / (1 - SHARE_BELOW[percentile]));
}

/** The percentile's value, or null where too few answers back it. */
export function supported(percentile: Percentile, count: number, value: () => number): number | null {
  return count >= answersNeeded(percentile) ? value() : null;
}

/** Fewer answers than the finest percentile we report (p99.9) needs: the count goes beside the figures. */
export function fewAnswers(count: number): boolean {
  return count > 0 && count < answersNeeded('p999');
}
