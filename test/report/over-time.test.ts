/** The over-time chart: each model's knee (its first failing capacity step) per interval, and churn's time series beside the server's. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { churnOverTime } from '../../src/report/charts/churn-over-time.js';
import { overTime } from '../../src/report/charts/over-time.js';
import { framedChart } from '../../src/report/charts/spec.js';
import { CHARTS } from '../../src/report/charts/index.js';
import { renderSvg } from '../../src/report/render.js';
import type { IntervalSeries, ResultRow, ResultsFile, Slo } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';
import { assertWellFormedSvg } from './svg-check.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const template = fixture.results.find((row) => row.mode === 'open' && row.status === 'ok')!;
const slo: Slo = { percentile: 'p99', objectiveUs: 2_000 };

/** Three intervals at `rate`: the p99 climbing when `queueing`, CPU as given. */
function series(rate: number, queueing: boolean, cpu: number): IntervalSeries {
  const p99 = queueing ? [1_500, 6_000, 12_000] : [400, 450, 420];
  return {
    intervalMs: 100, firstMs: 1, spanMs: 290, messages: [rate / 10, rate / 10, rate / 10], msgsPerSec: [rate, rate * 0.9, null],
    p50Us: p99.map((us) => us / 4), p99Us: p99, maxUs: p99.map((us) => us * 2), errors: [0, 0, 0],
    serverCpuPercent: [cpu, cpu, null], serverRssMiB: [50, 50, 50], serverPssMiB: [null, 20, null],
  };
}

function step(model: ResultRow['model'], n: number, rate: number, passed: boolean, cpu = 40): ResultRow {
  const row = structuredClone(template);
  Object.assign(row, { model, scenario: 'capacity', connections: 16, targetRate: rate });
  row.rateSearch = { slo, step: n, passed, clientBound: false };
  row.intervals = series(rate, !passed, cpu);
  return row;
}

function finish(rows: ResultRow[], sustainedRate: number | null, firstFailingRate: number | null): ResultRow[] {
  rows.at(-1)!.rateSearch!.result = { sustainedRate, firstFailingRate, lowerBound: firstFailingRate === null, startRate: rows[0]!.targetRate!, probeMsgsPerSec: 1, steps: rows.length };
  return rows;
}

// event-loop fails at 16,000 (one core busy), hsha at 6,000; reuseport never failed: its knee is its largest pass.
const eventLoop = finish([step('event-loop', 1, 4000, true), step('event-loop', 2, 16000, false, 99), step('event-loop', 3, 11314, true)], 11314, 16000);
const hsha = finish([step('hsha', 1, 3000, true), step('hsha', 2, 6000, false), step('hsha', 3, 4243, true)], 4243, 6000);
const reuseport = finish([step('reuseport', 1, 5000, true), step('reuseport', 2, 10000, true)], 10000, null);
const results: ResultsFile = { ...fixture, results: [...eventLoop, ...hsha, ...reuseport] };

type Datum = { knee: string; metric: string; tS: number; value: number; line: string; model: string };

describe('over-time', () => {
  it('is one of the report’s charts, in the capacity section', () => {
    expect(CHARTS).toContain(overTime);
    expect(overTime.scenario).toBe('capacity');
  });

  it('draws one facet row per knee: the first failing step, or the largest passing one where none failed', () => {
    const chart = overTime.build(results)!;
    expect(chart.rows).toEqual([hsha[1], eventLoop[1], reuseport[1]]);
    const body = chart.body as { data: { values: Datum[] }; facet: { row: { field: string; sort: string[] }; column: { field: string } } };
    expect(body.facet.row.field).toBe('knee');
    expect(body.facet.column.field).toBe('metric');
    const knees = [...new Set(body.data.values.map((d) => d.knee))];
    expect(knees).toEqual(['hsha at 6,000 msgs/s (first failing rate)', 'event-loop at 16,000 msgs/s (first failing rate)', 'reuseport at 10,000 msgs/s (largest passing rate; no step failed)']);
    expect(body.facet.row.sort).toEqual(knees);
  });

  it('carries msgs/s, p99 (ms) and server CPU per interval, leaving out what was not measured, and the offered rate', () => {
    const values = (overTime.build(results)!.body as { data: { values: Datum[] } }).data.values;
    const of = (knee: string, metric: string) => values.filter((d) => d.knee.startsWith(knee) && d.metric === metric && d.line === 'per interval').map((d) => [d.tS, d.value]);
    // Each interval at its start, the last again at its end (the step line's last step); the last interval ends with the span (290 ms).
    expect(of('event-loop', 'Messages/s')).toEqual([[0, 16000], [0.1, 14400], [0.2, 14400]]);
    expect(of('event-loop', 'p99 latency (ms)')).toEqual([[0, 1.5], [0.1, 6], [0.2, 12], [0.29, 12]]);
    expect(of('event-loop', 'Server CPU (%; 100 = one core)')).toEqual([[0, 99], [0.1, 99], [0.2, 99]]);
    expect(values.filter((d) => d.line === 'offered rate').map((d) => [d.model, d.metric, d.tS, d.value])).toEqual(
      [['hsha', 6000], ['event-loop', 16000], ['reuseport', 10000]].flatMap(([model, rate]) => [0, 0.29].map((tS) => [model, 'Messages/s', tS, rate])),
    );
  });

  it('leaves out a knee without a time series, and is absent with no search', () => {
    const without = structuredClone(results);
    delete without.results[4]!.intervals; // hsha's first failing step
    expect(overTime.build(without)!.rows.map((row) => row.model)).toEqual(['event-loop', 'reuseport']);
    expect(overTime.build(fixture)).toBeNull();
  });

  it('labels an axis whose every value is 0 as 0, not 0.000000', async () => {
    // sequential at its knee: a handful of messages, not one CPU tick counted in any interval.
    const idle = finish([step('sequential', 1, 500, false, 0)], null, 500);
    const run = { ...fixture, results: idle };
    const { svg } = await renderSvg(framedChart(overTime.title, overTime.build(run)!, run), 'z');
    expect(svg).not.toMatch(/>0\.0{3,}</);
  });

  it('renders as SVG without warnings', async () => {
    const chart = overTime.build(results)!;
    const { svg, warnings } = await renderSvg(framedChart(overTime.title, chart, results), 'o');
    assertWellFormedSvg(svg);
    expect(warnings).toEqual([]);
    expect(svg).toContain('event-loop at 16,000 msgs/s (first failing rate)');
  });
});

describe('churn-server-over-time', () => {
  it('puts each churn row’s msgs/s and p99 per interval beside the server’s samples', async () => {
    const churn = fixture.results.filter((row) => row.scenario === 'churn' && row.server);
    const withSeries = { ...fixture, results: churn.map((row, i) => ({ ...row, intervals: series(1000 * (i + 1), false, 50) })) };
    const body = churnOverTime.build(withSeries)!.body as { data: { values: Record<string, unknown>[] }; concat: { encoding: { y: { field: string } } }[] };
    expect(body.concat.map((panel) => panel.encoding.y.field).slice(0, 2)).toEqual(['msgsPerSec', 'p99Ms']);
    const first = body.data.values.filter((d) => d.model === churn[0]!.model && 'msgsPerSec' in d);
    expect(first.map((d) => [d.tS, d.msgsPerSec, d.p99Ms])).toEqual([[0, 1000, 0.4], [0.1, 900, 0.45], [0.2, null, 0.42]]);
    const { svg, warnings } = await renderSvg(framedChart(churnOverTime.title, churnOverTime.build(withSeries)!, withSeries), 'h');
    assertWellFormedSvg(svg);
    expect(warnings).toEqual([]);
    expect(svg).toContain('p99 latency (ms, per interval)');
  });

  it('draws a CPU figure over the span it measured: back to the last sample with a figure', async () => {
    const churn = fixture.results.filter((row) => row.scenario === 'churn' && row.server);
    const samples = [10, 20, 30, 40].map((tMs) => ({ tMs: tMs * 10, cpuPercent: tMs === 30 ? null : 90, pssBytes: 50 * 2 ** 20, rssBytes: 1, processes: 1, threads: 7 }));
    const run = { ...fixture, results: churn.map((row) => ({ ...row, server: { ...row.server!, series: samples } })) };
    const body = churnOverTime.build(run)!.body as { concat: { transform: { filter: string }[]; mark: { interpolate: string }; encoding: { y: { field: string } } }[] };
    const cpu = body.concat.find((panel) => panel.encoding.y.field === 'cpu')!;
    // A sample's CPU is the rate since the last sample with a figure: the null one is left out, and the next spans it.
    expect(cpu.transform[0]!.filter).toBe('datum.cpu != null');
    expect(cpu.mark.interpolate).toBe('step-before');
    const { warnings } = await renderSvg(framedChart(churnOverTime.title, churnOverTime.build(run)!, run), 'g');
    expect(warnings).toEqual([]);
  });
});
