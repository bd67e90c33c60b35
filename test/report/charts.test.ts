import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../src/results/schema.js';
import { writeReport } from '../../src/report/index.js';
import { MODEL_IDS } from '../../src/models/ids.js';
import { MODEL_COLOURS } from '../../src/report/model-colours.js';
import { writeCharts } from '../../src/report/write-charts.js';
import { CHARTS } from '../../src/report/charts/index.js';
import { EXPECTED_CHARTS, FIXTURE_A, fixtureRunDir, MODEL_CHARTS } from './fixture-run.js';
import { assertWellFormedSvg } from './svg-check.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;

/** Each legend entry of a Vega SVG: its label, and the colours (fill, stroke) of the symbol drawn beside it. */
function legendColours(svg: string): Map<string, string[]> {
  const entry = /role-legend-symbol"[^>]*>(<path[^>]*>)<\/g><g class="mark-text role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g;
  const colours = new Map<string, string[]>();
  for (const [, symbol, label] of svg.matchAll(entry)) {
    colours.set(label!, [...symbol!.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map(([, colour]) => colour!.toLowerCase()).filter((c) => c !== 'none'));
  }
  return colours;
}

describe('charts from the fixture run', () => {
  const run = fixtureRunDir();
  let written: string[] = [];
  const svg = (name: string) => readFileSync(path.join(run.dir, 'charts', `${name}.svg`), 'utf8');

  beforeAll(async () => {
    written = await writeReport(run.dir);
  });
  afterAll(() => run.remove());

  it('writes every expected chart as SVG and PNG, and the page, and returns their paths', () => {
    for (const name of EXPECTED_CHARTS) {
      for (const ext of ['svg', 'png']) {
        const file = path.join(run.dir, 'charts', `${name}.${ext}`);
        expect(existsSync(file), file).toBe(true);
        expect(written).toContain(file);
      }
    }
    expect(written).toContain(path.join(run.dir, 'report.html'));
    expect(written).toHaveLength(EXPECTED_CHARTS.length * 2 + 1);
  });

  it.each(EXPECTED_CHARTS)('%s is a well-formed SVG with a title and the environment footnote', (name) => {
    const text = svg(name);
    assertWellFormedSvg(text);
    expect(text).toContain(fixture.env.cpuModel);
    expect(text).toContain(`Node ${fixture.env.node}`);
    expect(text).toContain('Placement:');
  });

  it.each(MODEL_CHARTS.filter((name) => name !== 'server-cost'))('%s draws every model in its own colour with its name in the legend', (name) => {
    const text = svg(name).toLowerCase();
    for (const model of MODEL_IDS) {
      expect(text, `${model} label`).toContain(`>${model}<`);
      expect(text, `${model} colour`).toContain(MODEL_COLOURS[model]);
    }
  });

  it.each(MODEL_CHARTS)('%s gives each model its one colour, the same in every chart', (name) => {
    const legend = legendColours(svg(name));
    for (const model of MODEL_IDS) {
      const colours = legend.get(model);
      expect(colours, `${model} in the legend`).toBeDefined();
      expect(colours!.length, `${model}'s legend symbol is coloured`).toBeGreaterThan(0);
      expect(new Set(colours), `${model}'s colour`).toEqual(new Set([MODEL_COLOURS[model]]));
    }
  });

  it('marks client-bound and failed rows in a Status legend', () => {
    expect(svg('throughput-vs-connections')).toContain('>client-bound<');
    expect(svg('server-cost')).toContain('>failed<');
    expect(svg('latency-spectrum-open')).toContain('>rate shortfall<');
  });

  it('carries the starved count of a row in every latency chart, and names the rows with no latency to draw', () => {
    const starved = (scenario: string) => fixture.results.filter((row) => row.scenario === scenario && row.fairness.starved > 0 && row.latencyUs.count > 0);
    const percentiles = svg('latency-percentiles');
    for (const row of fixture.results.filter((r) => r.fairness.starved > 0 && r.latencyUs.count > 0)) expect(percentiles).toContain(`>${row.fairness.starved} of ${row.connections} starved<`);
    expect(percentiles).toContain('Not drawn, no message answered: echo-large c=8: fork; slow-client c=15: sequential');
    expect(starved('open').length).toBeGreaterThan(0);
    for (const row of starved('open')) expect(svg('latency-spectrum-open')).toContain(`>${row.fairness.starved} of ${row.connections} starved<`);
  });

  it('puts a status on the bar or point it qualifies, or in a label: never a marker at a fixed height above it', () => {
    // Every mark of every chart's spec: a shape offset from its datum would read as a value of its own.
    const offsetMarks: string[] = [];
    const walk = (node: unknown, chart: string): void => {
      if (Array.isArray(node)) return node.forEach((child) => walk(child, chart));
      if (typeof node !== 'object' || node === null) return;
      const mark = (node as { mark?: unknown }).mark;
      if (typeof mark === 'object' && mark !== null && (mark as { type?: string }).type !== 'text' && ('yOffset' in mark || 'dy' in mark)) offsetMarks.push(chart);
      Object.values(node).forEach((child) => walk(child, chart));
    };
    for (const chart of CHARTS) walk(chart.build(fixture)?.body, chart.name);
    expect(offsetMarks).toEqual([]);
    // The fairness chart has no marker: the row that completed nothing says so in its model's label.
    expect(svg('slow-client-fairness')).toContain('>sequential (nothing completed)<');
    expect(svg('slow-client-fairness')).not.toContain('Status');
  });

  it('labels the percentile axis of the open-loop spectrum as HdrHistogram plots do', () => {
    const text = svg('latency-spectrum-open');
    for (const label of ['>90%<', '>99%<', '>99.9%<']) expect(text).toContain(label);
  });

  it('draws the machine limit and the one-core limit of the CPU-bound scenario', () => {
    const work = fixture.results.find((row) => row.scenario === 'cpu')!.workUsPerMessage;
    const text = svg('cpu-vs-machine-limit');
    expect(text).toContain(`1 core: ${(1e6 / work).toLocaleString('en-US')} msgs/s`);
    expect(text).toContain(`machine, ${fixture.env.cores} cores: ${((fixture.env.cores * 1e6) / work).toLocaleString('en-US')} msgs/s`);
  });

  it('writes PNGs at twice the SVG size', () => {
    for (const name of EXPECTED_CHARTS) {
      const png = readFileSync(path.join(run.dir, 'charts', `${name}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const svgWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg(name))![1]);
      expect(png.readUInt32BE(16)).toBe(Math.round(svgWidth * 2));
    }
  });

  it('renders without vega-lite or vega warnings', async () => {
    const other = fixtureRunDir();
    try {
      const charts = await writeCharts(fixture, other.dir);
      expect(charts.map((chart) => chart.definition.name)).toEqual(EXPECTED_CHARTS);
      for (const chart of charts) expect(chart.warnings, chart.definition.name).toEqual([]);
    } finally {
      other.remove();
    }
  });

  it('removes the charts an earlier report of the run drew and this one does not (cut, renamed, or no data now)', async () => {
    const other = fixtureRunDir();
    try {
      mkdirSync(path.join(other.dir, 'charts'));
      for (const stale of ['a-cut-chart.svg', 'a-cut-chart.png']) writeFileSync(path.join(other.dir, 'charts', stale), '');
      writeFileSync(path.join(other.dir, 'charts', 'notes.txt'), '');
      await writeCharts(fixture, other.dir);
      expect(readdirSync(path.join(other.dir, 'charts')).sort()).toEqual([...EXPECTED_CHARTS.flatMap((name) => [`${name}.png`, `${name}.svg`]), 'notes.txt'].sort());
    } finally {
      other.remove();
    }
  });
});

describe('report.html from the fixture run', () => {
  const run = fixtureRunDir();
  let html = '';

  beforeAll(async () => {
    await writeReport(run.dir);
    html = readFileSync(path.join(run.dir, 'report.html'), 'utf8');
  });
  afterAll(() => run.remove());

  it('inlines every chart and needs nothing from the network', () => {
    expect(html.match(/<svg /g)).toHaveLength(EXPECTED_CHARTS.length);
    expect(html).not.toMatch(/<script|<link|<img|@import|src=/i);
    expect(html.replaceAll('http://www.w3.org/', '')).not.toMatch(/https?:\/\//);
  });

  it('gives every inlined chart its own element ids', () => {
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a section, a table row per model and generated sentences for every scenario', () => {
    for (const scenario of new Set(fixture.results.map((row) => row.scenario))) {
      expect(html).toContain(`id="scenario-${scenario}"`);
    }
    // A line per row and a header per scenario's table, and the scoreboard's header and line per server.
    const scenarios = new Set(fixture.results.map((row) => row.scenario)).size;
    const servers = new Set(fixture.results.map((row) => row.model)).size;
    expect(html.match(/<tr>/g)!.length).toBe(fixture.results.length + scenarios + 1 + servers);
    const sequential = fixture.results.find((row) => row.scenario === 'echo-small' && row.model === 'sequential' && row.connections === 64)!;
    expect(html).toContain(`sequential left ${sequential.fairness.starved} of 64 connections without a single echo`);
  });

  it('states its caveats: client-bound, failed and empty rows, the core count, confidence intervals', () => {
    // Grouped by server, each named once with its points.
    expect(html).toMatch(/Client-bound rows, [^<]*: [^<]*cluster \([^)]*echo-small c=64[^)]*\)/);
    expect(html).toMatch(/Failed rows [^<]*: [^<]*fork \(echo-large c=8\)/);
    expect(html).toContain('Rows whose measured windows completed nothing, so they have no rate or latency to read: sequential in slow-client c=15 (no message answered in 6 s;');
    // What was seen, not a cause the run did not establish.
    expect(html.includes('Open-loop rows whose answers fell below 99 % of the offered rate: sequential (open c=16), cluster (open c=16).'), 'shortfall caveat').toBe(true);
    expect(html.includes('could not keep up'), 'a cause not established').toBe(false);
    expect(html).toContain(`on ${fixture.env.cores} cores no model can be more than ${fixture.env.cores}× faster`);
    expect(html).toContain('the bracket is the range of the repeats, lowest to highest');
    expect(html).not.toContain('confidence interval');
  });
});
