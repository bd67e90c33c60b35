/** churn's time series per interval beside the server's samples. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { churnOverTime } from '../../src/report/charts/churn-over-time.js';
import { framedChart } from '../../src/report/charts/spec.js';
import { renderSvg } from '../../src/report/render.js';
import type { IntervalSeries, ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';
import { assertWellFormedSvg } from './svg-check.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;

/** Three intervals at `rate`: the p99 climbing when `queueing`, CPU as given. */
function series(rate: number, queueing: boolean, cpu: number): IntervalSeries {
  const p99 = queueing ? [1_500, 6_000, 12_000] : [400, 450, 420];
  return {
    intervalMs: 100, firstMs: 1, spanMs: 290, messages: [rate / 10, rate / 10, rate / 10], msgsPerSec: [rate, rate * 0.9, null],
    p50Us: p99.map((us) => us / 4), p99Us: p99, maxUs: p99.map((us) => us * 2), errors: [0, 0, 0],
    serverCpuPercent: [cpu, cpu, null], serverRssMiB: [50, 50, 50], serverPssMiB: [null, 20, null],
  };
}

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
