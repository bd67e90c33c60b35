/** Rows that share a scenario point (the cpu scenario at 1 and at 2 cores) each get their own place in the charts that group by point: never stacked, never one line. */
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

describe('latency-percentiles', () => {
  it('gives rows sharing a point their own panel, and leaves out the connections scenario (it measures memory)', async () => {
    const { latencyPercentiles } = await import('../../src/report/charts/latency-percentiles.js');
    const cpu = fixture.results.filter((row) => row.scenario === 'cpu' && row.latencyUs.count > 0).map((row) => ({ ...structuredClone(row), serverCores: 1 }));
    const held = { ...structuredClone(cpu[0]!), scenario: 'connections', latencyUs: { ...cpu[0]!.latencyUs, count: 0 } };
    held.connectionsStep = { series: 'uncapped', cap: null } as never;
    const run = { ...fixture, results: [...cpu, ...cpu.map((row) => ({ ...row, serverCores: 2 })), held] };
    const chart = latencyPercentiles.build(run)!;
    const values = (chart.body.data as { values: { point: string; model: string; percentile: string }[] }).values;
    const keys = values.map((value) => `${value.point}|${value.model}|${value.percentile}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    expect(JSON.stringify(chart.notes ?? [])).not.toContain('connections');
  });
});
