/** Whether one row's throughput is measurably above another's: their 95 % intervals do not overlap (a noisy machine can fake 1.3×). */
import type { ResultRow } from '../results/schema.js';

export function clearlyAbove(a: ResultRow, b: ResultRow): boolean {
  return a.msgsPerSec.ci95[0] > b.msgsPerSec.ci95[1];
}
