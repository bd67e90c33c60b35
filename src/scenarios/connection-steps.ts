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

/** A connections scenario whose steps (and --quick's) reach `top`; other scenarios as they are. */
export function withTopStep(scenario: Scenario, top: number): Scenario {
  if (!scenario.hold) return scenario;
  const raise = (steps: readonly number[] | undefined) => stepsUpTo(steps ?? [], top);
  const quick = scenario.quick?.parameters?.connections
    ? { ...scenario.quick, parameters: { ...scenario.quick.parameters, connections: raise(scenario.quick.parameters.connections) } }
    : scenario.quick;
  return { ...scenario, parameters: { ...scenario.parameters, connections: raise(scenario.parameters.connections) }, ...(quick ? { quick } : {}) };
}
