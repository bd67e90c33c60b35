/** A percentile is a figure only where enough answers back it; a small count is said beside the figures it backs. */
import { describe, expect, it } from 'vitest';
import { newHistogram, summarize } from '../../src/harness/load/histogram.js';
import { latencyFigures } from '../../src/results/latency-figure.js';
import { answersNeeded } from '../../src/results/latency-support.js';
import type { ResultRow } from '../../src/results/schema.js';

function summaryOf(latenciesUs: readonly number[]) {
  const histogram = newHistogram();
  for (const us of latenciesUs) histogram.recordValue(us);
  return summarize(histogram);
}

describe('latency percentiles and the answers behind them', () => {
  it('needs 1 / (1 − q) answers for the q-th percentile: one answer beyond it at least', () => {
    expect(answersNeeded('p50')).toBe(2);
    expect(answersNeeded('p90')).toBe(10);
    expect(answersNeeded('p99')).toBe(100);
    expect(answersNeeded('p999')).toBe(1000);
  });

  it('draws no p99 from 10 answers (it would be their maximum), but keeps their median, maximum and count', () => {
    const summary = summaryOf([100, 110, 120, 130, 140, 150, 160, 170, 180, 9000]);
    expect(summary.count).toBe(10);
    expect(summary.p50).not.toBeNull();
    expect(summary.p90).not.toBeNull();
    expect(summary.p99).toBeNull();
    expect(summary.p999).toBeNull();
    expect(summary.max).not.toBeNull();
  });

  it('draws the p99 from 100 answers and the p99.9 from 1,000', () => {
    expect(summaryOf(Array.from({ length: 100 }, (_, i) => 100 + i)).p99).not.toBeNull();
    expect(summaryOf(Array.from({ length: 999 }, (_, i) => 100 + i)).p999).toBeNull();
    expect(summaryOf(Array.from({ length: 1000 }, (_, i) => 100 + i)).p999).not.toBeNull();
  });

  it('says the count beside the figures of a row with few answers, and with the starved connections', () => {
    const row = (count: number, starved: number) => ({ latencyUs: { count }, fairness: { starved } }) as unknown as ResultRow;
    expect(latencyFigures(row(16, 0), [2_200_000, null])).toBe('2.2 s / — (16 answers)');
    expect(latencyFigures(row(16, 15), [2_200_000, null])).toBe('2.2 s / — (16 answers; 15 starved)');
    expect(latencyFigures(row(50_000, 0), [85, 1200])).toBe('85 µs / 1.2 ms');
    expect(latencyFigures(row(50_000, 3), [85, 1200])).toBe('85 µs / 1.2 ms (3 starved)');
    expect(latencyFigures(row(0, 16), [null, null])).toBe('—');
  });
});

describe('the latency-percentiles chart', () => {
  it('draws no p99 that too few answers back (it drew one at 1 µs), and names the row with its count under the title', async () => {
    const { readFileSync } = await import('node:fs');
    const { latencyPercentiles } = await import('../../src/report/charts/latency-percentiles.js');
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/results.json', import.meta.url), 'utf8'));
    const thin = fixture.results.find((row: ResultRow) => row.latencyUs.count >= 100 && !row.abandoned && !row.rateSearch)!;
    thin.latencyUs = { ...thin.latencyUs, ...summaryOf([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]) };
    const chart = latencyPercentiles.build(fixture)!;
    const drawn = (chart.body as { data: { values: { model: string; percentile: string; latencyUs: number; point: string }[] } }).data.values;
    const { pointLabel } = await import('../../src/report/rows.js');
    const ofThin = drawn.filter((value) => value.model === thin.model && value.point === pointLabel(thin));
    expect(ofThin.map((value) => value.percentile)).toEqual(['p50']);
    expect((chart.notes ?? []).join(' ')).toContain(`No p99 drawn, fewer than 100 answers: ${pointLabel(thin)}: ${thin.model} (10)`);
  });
});
