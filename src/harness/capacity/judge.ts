/** Whether a step's row sustained its offered rate: achieved ≥ 99 % of it and the objective's percentile within it. */
import type { ResultRow, Slo } from '../../results/schema.js';
import type { StepOutcome } from './search.js';

/** The share of the offered rate a step must achieve, as the open-loop rows' rateShortfall mark judges it. */
export const ACHIEVED_SHARE = 0.99;

export function judgeStep(row: ResultRow, slo: Slo): StepOutcome {
  const offered = row.targetRate ?? 0;
  const achieved = (row.achievedRate ?? row.msgsPerSec).median;
  const latency = row.latencyUs[slo.percentile];
  const passed = row.status === 'ok' && offered > 0 && achieved >= ACHIEVED_SHARE * offered && latency !== null && latency <= slo.objectiveUs;
  return { passed, clientBound: row.client.clientBound };
}
