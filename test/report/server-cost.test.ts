/** server-cost draws one bar per row: rows that share a scenario point (the cpu scenario's core sweep) must not stack. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverCost } from '../../src/report/charts/server-cost.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;

describe('server-cost', () => {
  it('gives each row its own x position: no two bars of one model and metric share a point', () => {
    // The cpu scenario at one core and at two: the same point label, "cpu c=16", for both.
    const oneCore = fixture.results.filter((row) => row.scenario === 'cpu' && row.server).map((row) => ({ ...structuredClone(row), serverCores: 1 }));
    expect(oneCore.length).toBeGreaterThan(0);
    const twoCores = oneCore.map((row) => ({ ...structuredClone(row), serverCores: 2 }));
    const chart = serverCost.build({ ...fixture, results: [...fixture.results.filter((row) => row.scenario !== 'cpu'), ...oneCore, ...twoCores] })!;
    const values = (chart.body.data as { values: { point: string; model: string; metric: string }[] }).values;
    const keys = values.map((value) => `${value.point}|${value.model}|${value.metric}`);
    const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
    expect(repeated).toEqual([]);
  });
});
