/**
 * Whether a step's row sustained its offered rate: held it (results/held-rate.ts) with the objective's
 * percentile within it (results/step-intervals.ts judges both, for the report too); why
 * not; and whether it failed throughout, or only in some intervals (then it is measured again).
 */
import type { ResultRow, Slo } from '../../results/schema.js';
import { failedThroughout, stepFailures, type StepFailure } from '../../results/step-intervals.js';
import type { StepOutcome } from './search.js';

/** A step's outcome for the search, and why it failed (empty where it passed). */
export interface JudgedStep extends StepOutcome {
  failedOn: StepFailure[];
}

export function judgeStep(row: ResultRow, slo: Slo): JudgedStep {
  const failedOn = stepFailures(row, slo);
  return { passed: failedOn.length === 0, clientBound: row.client.clientBound, failedOn, throughout: failedThroughout(row, slo) };
}
