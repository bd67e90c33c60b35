/** Student's t distribution for any (fractional) degrees of freedom, as Welch's test needs (stdlib's). */
import cdf from '@stdlib/stats-base-dists-t-cdf';
import quantile from '@stdlib/stats-base-dists-t-quantile';

/** Two-sided p-value of a t statistic. */
export function twoSidedP(t: number, df: number): number {
  return 2 * cdf(-Math.abs(t), df);
}

/** The t such that a two-sided test at level alpha rejects beyond ±t. */
export function criticalT(alpha: number, df: number): number {
  return quantile(1 - alpha / 2, df);
}
