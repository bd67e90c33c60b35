/** A run's scenarios as it runs them: each with --quick applied and expanded into its points, once. */
import { expand, quickVariant, type Overrides, type Point, type Scenario } from './scenario.js';

export interface ScenarioPlan {
  /** As run: --quick's shrink applied. */
  scenario: Scenario;
  points: Point[];
}

export function planScenarios(declared: readonly Scenario[], { quick, overrides }: { quick: boolean; overrides: Overrides }): ScenarioPlan[] {
  return declared.map((scenario) => {
    const asRun = quick ? quickVariant(scenario) : scenario;
    return { scenario: asRun, points: expand(asRun, overrides) };
  });
}
