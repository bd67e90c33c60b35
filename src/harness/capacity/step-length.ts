/**
 * How long a search step measures: long enough, at the rate it offers, for the objective's
 * percentile to stand on TAIL_ANSWERS answers beyond it (a p99 on 3,000 answers), in whole intervals
 * of the time series (so no short stub of one ends the step), within [MIN_STEP_MS, the longest step].
 * A model searched at low rates gets long steps; the search offers no rate below the one at which
 * the longest step still holds those answers.
 */
import type { Slo } from '../../results/schema.js';

/** Answers a step's percentile stands on beyond it: 30 above a p99 (3,000 answers), where one stall of a few ms would otherwise be the p99. */
const TAIL_ANSWERS = 30;

/** The share of answers above each percentile. */
const SHARE_ABOVE: Record<Slo['percentile'], number> = { p50: 0.5, p99: 0.01, p999: 0.001 };

/** At least three intervals of 100 ms: enough to tell a stall in one from a failure in all. */
export const MIN_STEP_MS = 300;

/** The longest step by default (a scenario may set its own: --quick's); at p99 the search then offers no less than 1,500 msgs/s. */
export const MAX_STEP_MS = 2_000;

export function stepAnswers(percentile: Slo['percentile']): number {
  return Math.ceil(TAIL_ANSWERS / SHARE_ABOVE[percentile]);
}

/** The step's window at `rate`: whole intervals, at least MIN_STEP_MS (or one interval), at most the longest step rounded up to an interval. */
export function stepWindowMs(rate: number, answers: number, intervalMs: number, maxStepMs: number): number {
  const ms = Math.min(maxStepMs, Math.max(MIN_STEP_MS, (1000 * answers) / rate));
  return Math.max(1, Math.ceil(ms / intervalMs)) * intervalMs;
}

/** The lowest rate whose longest step still holds `answers`. */
export function lowestRate(answers: number, maxStepMs: number): number {
  return Math.ceil((1000 * answers) / maxStepMs);
}
