/** A row some of whose connections got no answer is drawn as what it is: not a measurement of the whole load. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latencySpectrum } from '../../src/report/charts/latency-spectrum.js';
import { framedChart, type ChartDefinition } from '../../src/report/charts/spec.js';
import { throughputVsConnections } from '../../src/report/charts/throughput-vs-connections.js';
import { renderSvg } from '../../src/report/render.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;

type Datum = { model: string; status: string; drawn?: boolean; connections?: number };

describe.each([
  [latencySpectrum.name, latencySpectrum, 'open'],
  [throughputVsConnections.name, throughputVsConnections, 'echo-small'],
] as [string, ChartDefinition, string][])('%s', (_name, chart, scenario) => {
  const starved = fixture.results.filter((row) => row.scenario === scenario && row.status === 'ok' && row.fairness.starved > 0);

  it('marks the starved rows with a status of their own, in the legend and beside the point, "15 of 16 starved"', async () => {
    expect(starved.length, 'the fixture has a starved row here').toBeGreaterThan(0);
    const body = chart.build(fixture)!;
    const values = (body.body as { data: { values: Datum[] } }).data.values;
    for (const row of starved) {
      const own = values.filter((d) => d.model === row.model && (d.connections === undefined || d.connections === row.connections));
      expect(new Set(own.map((d) => d.status))).toEqual(new Set(['starved']));
    }
    const { svg } = await renderSvg(framedChart(chart.title, body, fixture), 's');
    expect(svg).toContain('>starved<');
    for (const row of starved) expect(svg).toContain(`>${row.fairness.starved} of ${row.connections} starved<`);
  });
});

describe('throughput-vs-connections', () => {
  it('draws no line through a starved row: its msgs/s is that of the few connections served', () => {
    const values = (throughputVsConnections.build(fixture)!.body as { data: { values: Datum[] } }).data.values;
    const starved = fixture.results.filter((row) => row.scenario === 'echo-small' && row.status === 'ok' && row.fairness.starved > 0);
    expect(starved.length).toBeGreaterThan(0);
    for (const row of starved) expect(values.find((d) => d.model === row.model && d.connections === row.connections)!.drawn).toBe(false);
  });
});

describe('latency-spectrum-open', () => {
  it('keeps two starved rows’ labels a line apart where their maxima coincide', () => {
    const starved = fixture.results.find((row) => row.scenario === 'open' && row.status === 'ok' && row.fairness.starved > 0)!;
    // A second server starved the same way, with the same histogram: its maximum sits on the first one's.
    const twin = { ...structuredClone(starved), model: starved.model === 'sequential' ? 'piscina' : 'sequential' } as typeof starved;
    const run: ResultsFile = { ...fixture, results: [...fixture.results.filter((row) => row.scenario === 'open' && row.model !== twin.model), twin] };
    const values = (latencySpectrum.build(run)!.body as { data: { values: { labelY: number | null }[] } }).data.values;
    const placed = values.map((d) => d.labelY).filter((y): y is number => y !== null);
    expect(placed.length).toBeGreaterThanOrEqual(2);
    const sorted = [...placed].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(13);
  });
});
