/**
 * A scenario's kind is declared (scenarios/), recorded on its rows, and read back from an older file's
 * rows by rules (results/scenario-kind.ts): the three must agree for every declared scenario, in the
 * rows the harness makes and in a real run's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import { planPlacement } from '../../src/harness/plan/placement.js';
import { TIMING_DEFAULTS } from '../../src/harness/plan/timing.js';
import { KIND_RUNNERS } from '../../src/harness/run/kind-runners.js';
import type { ServerStart, StartContext } from '../../src/harness/run/server-start.js';
import { derivedKind, kindOf, type ScenarioKind } from '../../src/results/scenario-kind.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { planScenarios } from '../../src/scenarios/plan.js';
import type { Overrides, Point, Scenario } from '../../src/scenarios/scenario.js';

const REFERENCE_RUN = new URL('../../results/2026-12-07T07-07-08Z/results.json', import.meta.url);
/** The kinds of files written before rows recorded their kind (results@3, the reference run): the only ones ever derived. */
const OLDER_KINDS: readonly ScenarioKind[] = ['abandoned', 'connections', 'capacity', 'slow-client', 'churn', 'open-loop', 'cpu', 'closed-loop'];

/** The rows the harness makes for a scenario's points that could not run, by its kind's own runner. */
function failedRows(scenario: Scenario, points: readonly Point[]) {
  const placement = planPlacement('rest', 2, false);
  const context: StartContext = { model: 'fork', variants: scenario.variants, timing: TIMING_DEFAULTS.quick, pool: new GeneratorPool(0), placementOf: () => placement };
  const starts = (KIND_RUNNERS[scenario.kind] as (points: readonly Point[], context: StartContext) => ServerStart[])(points, context);
  return starts.flatMap((start) => start.points.map((point) => start.failed(point, 'not run')));
}

const planned = (overrides: Overrides, rateAuto = false) => planScenarios(DEFAULT_SUITE, { quick: false, overrides, rateAuto });

describe("a scenario's kind", () => {
  it.each([false, true])('is recorded on the rows of every declared scenario (-R auto: %s)', (rateAuto) => {
    for (const { scenario, points } of planned({}, rateAuto)) {
      const rows = failedRows(scenario, points);
      expect(rows.length, scenario.name).toBeGreaterThan(0);
      for (const row of rows) expect([row.kind, kindOf(row)], scenario.name).toEqual([scenario.kind, scenario.kind]);
    }
  });

  it("reads the same from a row's fields, for every kind an older file holds, where a row that measured nothing has them (a capacity search's has no step)", () => {
    for (const { scenario, points } of planned({})) {
      if (scenario.kind === 'capacity' || !OLDER_KINDS.includes(scenario.kind)) continue;
      for (const row of failedRows(scenario, points)) expect(derivedKind(row), scenario.name).toBe(row.kind);
    }
  });

  it('tells a loop whose parameters made it churn or open loop as that loop, as its fields read', () => {
    const told = (overrides: Overrides) => Object.fromEntries(planned(overrides).filter(({ scenario }) => ['echo-small', 'cpu', 'slow-client'].includes(scenario.name)).map(({ scenario, points }) => [scenario.name, failedRows(scenario, points).map((row) => [row.kind, derivedKind(row)])[0]]));
    expect(told({ messagesPerConnection: [10] })).toEqual({ 'echo-small': ['churn', 'churn'], cpu: ['churn', 'churn'], 'slow-client': ['slow-client', 'slow-client'] });
    expect(told({ rate: [100] })).toEqual({ 'echo-small': ['open-loop', 'open-loop'], cpu: ['open-loop', 'open-loop'], 'slow-client': ['slow-client', 'slow-client'] });
  });

  it('makes -R auto a capacity search of every loop scenario, not of abandoned or connections', () => {
    const kinds = planned({}, true).map(({ scenario }) => [scenario.name, scenario.kind]);
    expect(Object.fromEntries(kinds)).toEqual({ 'echo-small': 'capacity', 'echo-large': 'capacity', cpu: 'capacity', churn: 'capacity', abandoned: 'abandoned', 'slow-client': 'capacity', open: 'capacity', capacity: 'capacity', connections: 'connections' });
  });

  it("records on the reference run's rows the kind each scenario declares, and reads the same kind from a row that lacks it (files before rows recorded it)", () => {
    const run = JSON.parse(readFileSync(REFERENCE_RUN, 'utf8')) as ResultsFile;
    const declared = new Map(DEFAULT_SUITE.map((scenario) => [scenario.name, scenario.kind]));
    for (const row of run.results) {
      expect(row.kind, `${row.scenario} ${row.model}`).toBe(declared.get(row.scenario));
      const { kind: _recorded, ...older } = row;
      // A failed capacity row carries no search to read its kind from: only a recorded kind names it.
      if (!(row.kind === 'capacity' && !row.rateSearch)) expect(kindOf(older), `${row.scenario} ${row.model}`).toBe(row.kind);
    }
    expect(new Set(run.results.map((row) => row.kind))).toEqual(new Set(OLDER_KINDS));
  });
});
