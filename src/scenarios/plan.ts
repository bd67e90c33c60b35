/** A run's scenarios as it runs them: each with --quick applied and expanded into its points, once, and its record for results.json. */
import type { ScenarioRecord, Slo } from '../results/schema.js';
import { withTopStep } from './connection-steps.js';
import { SCENARIO_KINDS } from './kinds.js';
import { scenarioRecord } from './record.js';
import { expand, quickVariant, type Overrides, type Point, type Scenario } from './scenario.js';

export interface ScenarioPlan {
  /** As run: --quick's shrink applied. */
  scenario: Scenario;
  points: Point[];
  record: ScenarioRecord;
}

/** `rateAuto` (-R auto) makes every searchable scenario a capacity search for `slo`; a scenario may declare one itself. */
export function planScenarios(
  declared: readonly Scenario[],
  run: { quick: boolean; overrides: Overrides; rateAuto?: boolean; slo?: Slo; maxConnections?: number },
): ScenarioPlan[] {
  return declared.map((given) => {
    // --max-connections raises the connections scenario's top step (its --quick one too).
    const scenario = run.maxConnections === undefined ? given : withTopStep(given, run.maxConnections);
    const searched = run.rateAuto && SCENARIO_KINDS[scenario.kind].searchable ? asCapacitySearch(scenario) : scenario;
    const asRun = run.quick ? quickVariant(searched) : searched;
    return { scenario: asRun, points: expand(asRun, run.overrides, run.slo), record: scenarioRecord(searched, asRun, run) };
  });
}

/** A loop scenario searched for each model's largest sustained rate (the harness's own search shape). */
function asCapacitySearch(scenario: Scenario): Scenario {
  return { ...scenario, kind: 'capacity' } as Scenario;
}
