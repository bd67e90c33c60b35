/** The capacity search in the report: its two charts and its narrative, from search rows built on the fixture's open-loop row. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caveats } from '../../src/report/caveats.js';
import { capacityCurve } from '../../src/report/charts/capacity-curve.js';
import { framedChart } from '../../src/report/charts/spec.js';
import { sustainableRate } from '../../src/report/charts/sustainable-rate.js';
import { capacityNarrative, limitOf } from '../../src/report/narrative/capacity.js';
import { renderSvg } from '../../src/report/render.js';
import type { ResultRow, ResultsFile, Slo } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';
import { assertWellFormedSvg } from './svg-check.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const template = fixture.results.find((row) => row.mode === 'open' && row.status === 'ok')!;
const slo: Slo = { percentile: 'p99', objectiveUs: 2_000 };

/** One step: `p99Us` at `rate`, the server at `cpu` %, the generator late or not. */
function step(model: ResultRow['model'], n: number, rate: number, p99Us: number, { cpu = 30, clientBound = false } = {}): ResultRow {
  const row = structuredClone(template);
  Object.assign(row, { model, scenario: 'capacity', connections: 16, targetRate: rate });
  row.achievedRate = { median: rate, range: [rate, rate], runs: [rate] };
  row.latencyUs = { ...row.latencyUs, p50: p99Us / 4, p99: p99Us, count: 1000 };
  row.server = { ...row.server!, cpuPercent: cpu };
  // Late enough, when late, to explain the step's p99 (at least half of it); on time otherwise.
  row.client = { ...row.client, clientBound, sendLagP99Us: clientBound ? p99Us * 0.75 : 20 };
  row.fairness = { ...row.fairness, starved: 0 };
  row.placement = { ...row.placement, serverCpus: [0] };
  row.rateSearch = { slo, step: n, passed: p99Us <= slo.objectiveUs && !clientBound, clientBound };
  return row;
}

function finish(rows: ResultRow[], sustainedRate: number | null, firstFailingRate: number | null, lowerBound: boolean): ResultRow[] {
  rows.at(-1)!.rateSearch!.result = { sustainedRate, firstFailingRate, lowerBound, startRate: rows[0]!.targetRate!, probeMsgsPerSec: 4 * rows[0]!.targetRate!, steps: rows.length };
  return rows;
}

// event-loop: one core busy at 16,000; worker: the generator fell behind at 8,000.
const eventLoop = finish([step('event-loop', 1, 4000, 300), step('event-loop', 2, 8000, 400), step('event-loop', 3, 16000, 9000, { cpu: 99 }), step('event-loop', 4, 11314, 900, { cpu: 80 })], 11314, 16000, false);
const worker = finish([step('worker', 1, 2000, 500), step('worker', 2, 4000, 800), step('worker', 3, 8000, 20000, { clientBound: true, cpu: 40 }), step('worker', 4, 5657, 1200)], 5657, 8000, true);
const results: ResultsFile = { ...fixture, results: [...eventLoop, ...worker] };

describe('capacity charts', () => {
  it('capacity-curve: every step at its offered rate, the objective as a rule, each sustained rate marked, client-bound steps shaped', async () => {
    const chart = capacityCurve.build(results)!;
    expect(chart.rows).toHaveLength(8);
    type Layer = { data?: { values: Record<string, unknown>[] }; mark?: { type: string }; encoding: Record<string, { field?: string; scale?: { domain: string[] } }>; layer?: Layer[] };
    const layers = (chart.body.layer as Layer[]).flatMap((layer) => [layer, ...(layer.layer ?? [])]);
    // The objective: a horizontal rule at its value.
    expect(layers.some((layer) => layer.mark?.type === 'rule' && layer.data?.values[0]?.objective === 2000 && layer.encoding.y?.field === 'objective')).toBe(true);
    // Each model's sustained rate: a vertical rule at it.
    const sustained = layers.find((layer) => layer.mark?.type === 'rule' && layer.encoding.x?.field === 'offered');
    expect(sustained?.data?.values).toEqual([
      { model: 'worker', point: 'capacity c=16', offered: 5657 },
      { model: 'event-loop', point: 'capacity c=16', offered: 11314 },
    ]);
    // Client-bound steps get their own shape.
    expect(layers.find((layer) => layer.mark?.type === 'point')?.encoding.shape?.scale?.domain).toContain('client-bound');
    const { svg, warnings } = await renderSvg(framedChart(capacityCurve.title, chart, results), 'c');
    assertWellFormedSvg(svg);
    expect(warnings).toEqual([]);
    expect(svg).toContain('objective p99 ≤ 2 ms');
  });

  it('sustainable-rate: one bar per model at its sustained rate, the whisker up to its first failing rate, "≥" for a lower bound', async () => {
    const chart = sustainableRate.build(results)!;
    const values = (chart.body.data as { values: { model: string; sustained: number; firstFail: number; label: string }[] }).values;
    expect(values.map(({ model, sustained, firstFail, label }) => ({ model, sustained, firstFail, label }))).toEqual([
      { model: 'worker', sustained: 5657, firstFail: 8000, label: '≥ 5,660' },
      { model: 'event-loop', sustained: 11314, firstFail: 16000, label: '11,300' },
    ]);
    const { svg, warnings } = await renderSvg(framedChart(sustainableRate.title, chart, results), 's');
    assertWellFormedSvg(svg);
    expect(warnings).toEqual([]);
  });

  it('neither chart is drawn for a run without a search', () => {
    expect(capacityCurve.build(fixture)).toBeNull();
    expect(sustainableRate.build(fixture)).toBeNull();
  });
});

describe('capacity narrative', () => {
  it('names each knee and what limited the model there, from the numbers', () => {
    const text = capacityNarrative(results.results, results).join(' ');
    expect(text).toContain('Within p99 ≤ 2 ms, event-loop sustained the most: 11,300 msgs/s.');
    expect(text).toMatch(/event-loop's knee lies between 11,300 and 16,000 msgs\/s \(p99 900 µs\); at 16,000 msgs\/s p99 was 9 ms .*one core was busy \(server CPU 99 %\)/);
    expect(text).toMatch(/worker's knee lies between 5,660 and 8,000 msgs\/s.*the generator itself fell behind .*may be the generator's/);
  });

  it('tells a saturated core, all cores, starved connections and spare CPU apart', () => {
    const at = (cpu: number, starved = 0) => {
      const row = step('event-loop', 1, 1000, 5000, { cpu });
      row.fairness = { ...row.fairness, starved };
      return row;
    };
    expect(limitOf(at(95), 1)).toMatch(/^one core was busy/);
    expect(limitOf(at(190), 2)).toMatch(/^its 2 cores were all busy/);
    expect(limitOf(at(95), 2)).toMatch(/^one core was busy .*of 2 cores/);
    expect(limitOf(at(20, 15), 1)).toMatch(/^15 of 16 connections got no answer/);
    expect(limitOf(at(20), 1)).toMatch(/not saturated/);
  });

  it('names the generator only where its lateness could explain the failure, and never over starved connections', () => {
    const late = (lagUs: number, starved = 0) => {
      const row = step('event-loop', 1, 1000, 8000, { cpu: 20, clientBound: true });
      row.client.sendLagP99Us = lagUs;
      row.fairness = { ...row.fairness, starved };
      return row;
    };
    expect(limitOf(late(6000), 1)).toMatch(/^the generator itself fell behind its schedule \(send lag p99 6 ms\)/);
    // 500 µs late against an 8 ms p99: the server's figures say more; the lateness is said too.
    expect(limitOf(late(500), 1)).toMatch(/^its CPU was not saturated .*; the generator also ran late \(send lag p99 500 µs\)$/);
    expect(limitOf(late(6000, 14), 1)).toMatch(/^14 of 16 connections got no answer at all.*the generator also ran late/);
  });
});

describe('capacity caveats', () => {
  it("lists no search step as client-bound or short (that is how a search finds the knee), but names a search whose answer is a lower bound", () => {
    const said = caveats(results).join('\n');
    expect(said).not.toMatch(/in capacity c=16/);
    expect(said).toMatch(/Capacity searches whose answer is only a lower bound .*: worker\./);
    expect(said).not.toMatch(/lower bound [^\n]*event-loop/);
    // Search steps may well have been client-bound: "no row" must not claim otherwise.
    expect(said).not.toContain('No row was client-bound');
    expect(said).toContain('No row outside the capacity searches was client-bound');
  });
});
