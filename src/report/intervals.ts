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
