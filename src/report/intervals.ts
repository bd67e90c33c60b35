/**
 * Whether one row's throughput is measurably above another's: every repeat of the one above every
 * repeat of the other (a noisy machine can fake 1.3× between two single figures). With three repeats
 * each, that order arises by chance alone once in 20 (an exact permutation test, one-sided p = 0.05);
 * a row measured once is above nothing.
 */
import type { Estimate, ResultRow } from '../results/schema.js';

export function clearlyAbove(a: ResultRow, b: ResultRow): boolean {
  return estimateAbove(a.msgsPerSec, b.msgsPerSec);
}

/** The same for any figure measured per repeat (connections/s, bytes/s). */
export function estimateAbove(a: Estimate, b: Estimate): boolean {
  return a.runs.length > 1 && b.runs.length > 1 && a.range[0] > b.range[1];
}

/** The most repeats any row's throughput holds: what the chance sentence below is about. */
export function repeatsIn(rows: readonly ResultRow[]): number {
  return Math.max(0, ...rows.map((row) => row.msgsPerSec.runs.length));
}

/**
 * How often chance alone puts every one of n repeats of a server beyond every one of n of an equally
 * fast one: 1 in C(2n, n) (n = 3: once in 20). Null below two repeats, where nothing is ordered.
 */
export function chanceOrderText(repeats: number): string | null {
  if (repeats < 2) return null;
  let ways = 1;
  for (let k = 1; k <= repeats; k++) ways = (ways * (repeats + k)) / k;
  return `with ${repeats} repeats each, chance alone orders two equally fast servers so once in ${Math.round(ways).toLocaleString('en-US')} (a one-sided rank test)`;
}
