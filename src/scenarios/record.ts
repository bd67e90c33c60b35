/** A scenario's declaration as results.json records it, so a report is drawn from the run alone, whatever the suite says later. */
import type { ScenarioRecord, Slo } from '../results/schema.js';
import { SCENARIO_KINDS } from './kinds.js';
import { DEFAULT_SLO, matrixOf, type Overrides, type ParameterMatrix, type Scenario } from './scenario.js';

/** `asRun`: `declared` as the run runs it (--quick's shrink applied, or `declared` itself). */
export function scenarioRecord(declared: Scenario, asRun: Scenario, { quick, overrides, slo = DEFAULT_SLO }: { quick: boolean; overrides: Overrides; slo?: Slo }): ScenarioRecord {
  const shrink = quick ? declared.quick : undefined;
  return {
    name: asRun.name,
    description: asRun.description,
    mode: SCENARIO_KINDS[asRun.kind].mode,
    parameters: matrixOf(asRun, overrides),
    ...(asRun.kind === 'abandoned' ? { abandon: asRun.abandon } : {}),
    ...(asRun.kind === 'connections' ? { hold: asRun.hold } : {}),
    ...(asRun.kind === 'capacity' ? { rateSearch: { slo, ...asRun.search } } : {}),
    ...(shrink ? { withoutQuick: withoutQuick(declared, shrink) } : {}),
  };
}

/** The declared values --quick replaced. */
function withoutQuick(declared: Scenario, shrink: NonNullable<Scenario['quick']>): NonNullable<ScenarioRecord['withoutQuick']> {
  const full = matrixOf(declared);
  const keys = Object.keys(shrink.parameters ?? {}) as (keyof ParameterMatrix)[];
  return {
    ...(keys.length > 0 ? { parameters: Object.fromEntries(keys.map((key) => [key, full[key]])) } : {}),
    ...('abandon' in shrink && declared.kind === 'abandoned' ? { abandon: declared.abandon } : {}),
    ...('hold' in shrink && declared.kind === 'connections' ? { hold: declared.hold } : {}),
    // {}: the harness's own search defaults.
    ...('search' in shrink && declared.kind === 'capacity' ? { search: declared.search ?? {} } : {}),
  };
}
