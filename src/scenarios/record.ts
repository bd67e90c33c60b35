/** A scenario's declaration as results.json records it, so a report is drawn from the run alone, whatever the suite says later. */
import type { ScenarioRecord, Slo } from '../results/schema.js';
import { DEFAULT_SLO, matrixOf, quickVariant, type Overrides, type ParameterMatrix, type Scenario } from './scenario.js';

export function scenarioRecord(declared: Scenario, { quick, overrides, slo = DEFAULT_SLO }: { quick: boolean; overrides: Overrides; slo?: Slo }): ScenarioRecord {
  const asRun = quick ? quickVariant(declared) : declared;
  const shrink = quick ? declared.quick : undefined;
  return {
    name: asRun.name,
    description: asRun.description,
    mode: asRun.rateAuto ? 'open' : asRun.mode,
    parameters: matrixOf(asRun, overrides),
    ...(asRun.abandon ? { abandon: asRun.abandon } : {}),
    ...(asRun.hold ? { hold: asRun.hold } : {}),
    ...(asRun.rateAuto ? { rateSearch: { slo, ...asRun.search } } : {}),
    ...(shrink ? { withoutQuick: withoutQuick(declared, shrink) } : {}),
  };
}

/** The declared values --quick replaced. */
function withoutQuick(declared: Scenario, shrink: NonNullable<Scenario['quick']>): NonNullable<ScenarioRecord['withoutQuick']> {
  const full = matrixOf(declared);
  const keys = Object.keys(shrink.parameters ?? {}) as (keyof ParameterMatrix)[];
  return {
    ...(keys.length > 0 ? { parameters: Object.fromEntries(keys.map((key) => [key, full[key]])) } : {}),
    ...(shrink.abandon && declared.abandon ? { abandon: declared.abandon } : {}),
    ...(shrink.hold && declared.hold ? { hold: declared.hold } : {}),
    // {}: the harness's own search defaults.
    ...(shrink.search ? { search: declared.search ?? {} } : {}),
  };
}
