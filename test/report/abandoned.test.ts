/** The abandoned scenario in the report: its chart, its generated sentences and its table, from synthetic rows. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planScenarios } from '../../src/scenarios/plan.js';
import type { Scenario } from '../../src/scenarios/scenario.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { abandonedRow } from '../../src/harness/rows/abandoned-row.js';
import { noErrors, type ProbeReport } from '../../src/harness/load/generator-protocol.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { expand } from '../../src/scenarios/scenario.js';
import { writeReport } from '../../src/report/index.js';
import { narrate } from '../../src/report/narrative/index.js';
import { columnsFor } from '../../src/report/table-rows.js';
import { checkResults } from '../../src/results/check-results.js';
import { writeCharts } from '../../src/report/write-charts.js';
import { FIXTURE_A } from './fixture-run.js';
import { assertWellFormedSvg } from './svg-check.js';

/** A scenario's record as a run plans it. */
const recordOf = (scenario: Scenario, run: Parameters<typeof planScenarios>[1]) => planScenarios([scenario], run)[0]!.record;

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const [point, halfClosing] = expand(DEFAULT_SUITE.find((s) => s.name === 'abandoned')!);

/** Test data, not measurements: a shape like the models' (fork drops the departed, worker starts a thread for each). */
function row(model: ResultRow['model'], probe: Partial<ProbeReport>, serverAbandoned: number | null = null, at = point!): ResultRow {
  return abandonedRow({
    point: at,
    model,
    placement: fixture.env.placement,
    warmedUp: { settled: true, elapsedMs: 600 },
    departures: [{ departed: 100, pending: 0, floodMs: 45, errors: noErrors() }],
    probe: { firstEchoMs: null, serverCpuSec: null, errors: noErrors(), owedEchoes: null, ...probe },
    otherProbes: [],
    serverAbandoned,
    server: undefined,
  });
}

const rows = [
  row('sequential', { firstEchoMs: 12, serverCpuSec: 0.05 }),
  row('fork', { firstEchoMs: 1900, serverCpuSec: 1.9 }, 100),
  row('worker', { firstEchoMs: 10_500, serverCpuSec: 10.4 }),
  row('event-loop', { firstEchoMs: 9, serverCpuSec: 0.03 }),
];
/** The same models when the departing clients sent a byte and half-closed: owed their echo. */
const owed = (echoed: number, closedShort = 0, waiting = 0) => ({ owedEchoes: { echoed, closedShort, waiting } });
const halfClosedRows = [
  row('sequential', { firstEchoMs: 40, serverCpuSec: 0.08, ...owed(100) }, null, halfClosing),
  row('fork', { firstEchoMs: 9000, serverCpuSec: 9.5, ...owed(94, 0, 6) }, 0, halfClosing),
  row('event-loop', { firstEchoMs: 11, serverCpuSec: 0.04, ...owed(100) }, null, halfClosing),
];
// The whole suite's declarations, abandoned among them, as a run of it records them.
const scenarios = DEFAULT_SUITE.map((scenario) => recordOf(scenario, { quick: false, overrides: {} }));
const results: ResultsFile = { ...fixture, scenarios, results: [...fixture.results, ...rows] };
const text = (some: ResultRow[]) => narrate(some, results).join(' ');

describe('abandoned scenario in the report', () => {
  it('tells the story from the numbers: who answered first, who dropped departed clients, what they cost', () => {
    const story = text(rows);
    expect(story).toContain("the new client's first echo came soonest from event-loop (9 ms) and last from worker (10.5 s, 1,170× as long)");
    expect(story).toContain('fork dropped 100 of the 100 departed clients from its queue unserved (first echo 1.9 s, 1.9 s of CPU)');
    expect(story).toContain("Meanwhile worker's server spent the most CPU, 10.4 s (about 104 ms per departed client), and event-loop's the least, 30 ms.");
  });

  it('tells each way of leaving apart, and whether the half-closed clients got the echo they were owed', () => {
    const story = text([...rows, ...halfClosedRows]);
    expect(story).toContain("After 100 clients connected and left while 64 connections held each server, the new client's first echo came soonest from event-loop (9 ms)");
    expect(story).toContain("After 100 clients connected, sent 1 B and half-closed while 64 connections held each server, the new client's first echo came soonest from event-loop (11 ms) and last from fork (9 s");
    expect(story).toContain('fork dropped none of them, serving each (first echo 9 s, 9.5 s of CPU)');
    expect(story).toContain('Of the 100 clients that sent 1 B and half-closed, still owed their echo, every one got its echo from sequential and event-loop; fork echoed 94 of 100 (6 still waiting at the deadline).');
    const owedColumn = columnsFor(halfClosedRows).find((column) => column.header === 'owed echoes')!;
    expect(halfClosedRows.map((r) => owedColumn.cell(r))).toEqual(['100 of 100 echoed', '94 of 100 echoed, 6 still waiting', '100 of 100 echoed']);
    expect(rows.map((r) => owedColumn.cell(r))).toEqual(['—', '—', '—', '—']);
  });

  it('names a model that missed the deadline, with the CPU it had spent, and its failure', () => {
    const late = row('worker', { serverCpuSec: 30.2, failure: 'no echo for the new client within the 30 s deadline' });
    const story = text([rows[0]!, late, rows[3]!]);
    expect(story).toContain('No echo for the new client within the 30 s deadline: worker (30.2 s of CPU by then).');
    expect(story).toContain('worker failed (no echo for the new client within the 30 s deadline)');
  });

  it('shows its own figures in the table, not throughput or latency', () => {
    const headers = columnsFor(rows).map((column) => column.header);
    expect(headers).toEqual(expect.arrayContaining(['departed', 'first echo', 'CPU meanwhile', 'dropped']));
    expect(headers).not.toContain('msgs/s [range]');
    expect(headers).not.toContain('p99');
    const dropped = columnsFor(rows).find((column) => column.header === 'dropped')!;
    expect(rows.map((r) => dropped.cell(r))).toEqual(['—', '100', '—', '—']);
    // Scenarios that echo keep their columns, without the abandoned ones.
    expect(columnsFor(fixture.results).map((column) => column.header)).not.toContain('first echo');
  });

  it('passes the results check, nulls included, and refuses a mistyped figure', () => {
    expect(() => checkResults(results)).not.toThrow();
    const bad = { ...results, results: [{ ...rows[0]!, abandoned: { ...rows[0]!.abandoned!, firstEchoMs: 'soon' } }] };
    expect(() => checkResults(bad)).toThrow(/^results\[0\]\.abandoned\.firstEchoMs must be a number or null$/);
  });

  describe('chart and page', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'echolab-abandoned-'));
    let html = '';
    beforeAll(async () => {
      writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results));
      await writeReport(dir);
      html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('draws time to first echo and CPU per model on log scales, without warnings', async () => {
      const chart = (await writeCharts(results, dir)).find((c) => c.definition.name === 'abandoned-first-echo')!;
      expect(chart.warnings).toEqual([]);
      assertWellFormedSvg(chart.svg);
      for (const label of ['>9 ms<', '>10.5 s<', '>1.9 s<', 'Time to first echo (ms, log scale)', 'Server CPU meanwhile (s, log scale)', '100 clients connected and left']) {
        expect(chart.svg).toContain(label);
      }
    });

    it('draws one row of panels per way of leaving', async () => {
      const both = { ...results, results: [...fixture.results, ...rows, ...halfClosedRows] };
      const chart = (await writeCharts(both, dir)).find((c) => c.definition.name === 'abandoned-first-echo')!;
      expect(chart.warnings).toEqual([]);
      assertWellFormedSvg(chart.svg);
      for (const label of ['left after: nothing sent', 'left after: 1 B + half-close', '>11 ms<', '>9 s<']) expect(chart.svg).toContain(label);
    });

    it("says a failed row's status in its model's label, not with a marker above its bars", async () => {
      const late = row('worker', { serverCpuSec: 30.2, failure: 'no echo for the new client within the 30 s deadline' });
      const withLate = { ...results, results: [...fixture.results, rows[0]!, late, rows[3]!] };
      const chart = (await writeCharts(withLate, dir)).find((c) => c.definition.name === 'abandoned-first-echo')!;
      expect(chart.warnings).toEqual([]);
      expect(chart.svg).toContain('>worker (failed)<');
      expect(chart.svg).toContain('>sequential<');
      expect(chart.svg).not.toContain('Status');
    });

    it('puts the section after churn, with its chart, sentences and table', () => {
      const section = html.slice(html.indexOf('id="scenario-abandoned"'));
      expect(html.indexOf('id="scenario-churn"')).toBeLessThan(html.indexOf('id="scenario-abandoned"'));
      expect(section).toContain('id="chart-abandoned-first-echo"');
      expect(section).toContain('and 100 departing clients.');
      expect(section).toContain('fork dropped 100 of the 100 departed clients');
      expect(section.slice(0, section.indexOf('</section>'))).toContain('<th title="Time from the new client’s connect');
    });
  });
});
