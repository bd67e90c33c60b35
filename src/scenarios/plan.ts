/** A run's scenarios as it runs them: each with --quick applied and expanded into its points, once, and its record for results.json. */
import type { ScenarioRecord } from '../results/schema.js';
import { scenarioRecord } from './record.js';
import { expand, quickVariant, type Overrides, type Point, type Scenario } from './scenario.js';

export interface ScenarioPlan {
  /** As run: --quick's shrink applied. */
  scenario: Scenario;
  points: Point[];
  record: ScenarioRecord;
}

export function planScenarios(declared: readonly Scenario[], run: { quick: boolean; overrides: Overrides }): ScenarioPlan[] {
  return declared.map((scenario) => {
    const asRun = run.quick ? quickVariant(scenario) : scenario;
    return { scenario: asRun, points: expand(asRun, run.overrides), record: scenarioRecord(scenario, run) };
  });
}
