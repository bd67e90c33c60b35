/** The connections scenario's steps up to a top step (--max-connections): the declared ones below it, then powers of ten, then the top itself. */
import type { Scenario } from './scenario.js';

export function stepsUpTo(declared: readonly number[], top: number): number[] {
  const steps = declared.filter((step) => step < top);
  let next = 10 ** Math.ceil(Math.log10(Math.max(1, ...steps) + 1));
  while (next < top) {
    steps.push(next);
    next *= 10;
  }
  return [...new Set([...steps, top])].sort((a, b) => a - b);
}

/**
 * Each series' time budget when the top step is raised: the default suite's few seconds would project
 * every step of fork and worker past their first (a thousand forks take over a minute of one core);
 * whoever raises the top step has that time.
 */
export const RAISED_BUDGET_SEC = 300;

/** A connections scenario whose steps (and --quick's) reach `top`, with the raised budget; other scenarios as they are. */
export function withTopStep(scenario: Scenario, top: number): Scenario {
  if (scenario.kind !== 'connections') return scenario;
  const budget = <T extends { budgetSec: number }>(hold: T): T => ({ ...hold, budgetSec: Math.max(hold.budgetSec, RAISED_BUDGET_SEC) });
  const raise = (steps: readonly number[] | undefined) => stepsUpTo(steps ?? [], top);
  const quick = scenario.quick && {
    ...scenario.quick,
    ...(scenario.quick.parameters?.connections ? { parameters: { ...scenario.quick.parameters, connections: raise(scenario.quick.parameters.connections) } } : {}),
    ...(scenario.quick.hold ? { hold: budget(scenario.quick.hold) } : {}),
  };
  return { ...scenario, parameters: { ...scenario.parameters, connections: raise(scenario.parameters.connections) }, hold: budget(scenario.hold), ...(quick ? { quick } : {}) };
}
