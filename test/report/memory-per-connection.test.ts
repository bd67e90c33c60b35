/** The connections scenario in the report and the terminal: its chart spec, its sentences and its cost table, from synthetic rows. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measuredStepRow, projectedRow, type StepContext } from '../../src/harness/rows/connections-row.js';
import { noErrors } from '../../src/harness/load/generator-protocol.js';
import { formatConnectionsTable } from '../../src/harness/output/connections-table.js';
import { memoryPerConnection } from '../../src/report/charts/memory-per-connection.js';
import { framedChart } from '../../src/report/charts/spec.js';
import { narrate } from '../../src/report/narrative/index.js';
import { caveats } from '../../src/report/caveats.js';
import { renderSvg } from '../../src/report/render.js';
import { checkResults } from '../../src/results/check-results.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { planScenarios } from '../../src/scenarios/plan.js';
import type { Scenario } from '../../src/scenarios/scenario.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { expand } from '../../src/scenarios/scenario.js';
import { FIXTURE_A } from './fixture-run.js';

/** A scenario's record as a run plans it. */
const recordOf = (scenario: Scenario, run: Parameters<typeof planScenarios>[1]) => planScenarios([scenario], run)[0]!.record;

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const declared = DEFAULT_SUITE.find((s) => s.name === 'connections')!;
const points = expand(declared);
const MIB = 2 ** 20;
const GIB = 2 ** 30;

type Series = { model: ResultRow['model']; series: 'uncapped' | 'raised' | 'default'; cap: number | null };

/** Test data, not measurements: a step with `pss` bytes, `processes` and `threads`, `served` of its connections answered. */
function measured({ model, series, cap }: Series, connections: number, pss: number, processes: number, threads: number, served = connections): ResultRow {
  const context: StepContext = {
    point: points.find((p) => p.connections === connections)!,
    model,
    placement: fixture.env.placement,
    series: { series, args: [], cap, limit: { connections: 17_000, why: 'test' } },
    projection: { run: true, reason: null, projectedPssBytes: null, projectedStartMs: null },
    safetyBoundBytes: 11 * GIB,
    baselinePssBytes: 20 * MIB,
  };
  const server = { cpuPercent: 5, userPercent: 4, systemPercent: 1, peakPssBytes: pss, peakRssBytes: pss * 3, maxProcesses: processes, maxThreads: threads, series: [] };
  const report = { held: connections, served, queued: connections - served, failed: 0, errors: noErrors(), liveEchoes: 0, startMs: 100, firstEchoMs: served < connections ? null : 2 };
  return measuredStepRow(context, report, server, { sockets: 2 * connections + 3, bytes: 4096 * connections }, 1);
}

function projected({ model, series, cap }: Series, connections: number, projectedPssBytes: number, reason: string): ResultRow {
  return projectedRow({
    point: points.find((p) => p.connections === connections)!,
    model,
    placement: fixture.env.placement,
    series: { series, args: [], cap, limit: { connections: 17_000, why: 'test' } },
    projection: { run: false, reason, projectedPssBytes, projectedStartMs: null },
    safetyBoundBytes: 11 * GIB,
    baselinePssBytes: 20 * MIB,
  });
}

const fork: Series = { model: 'fork', series: 'raised', cap: 101 };
const forkDefault: Series = { model: 'fork', series: 'default', cap: 64 };
const eventLoop: Series = { model: 'event-loop', series: 'uncapped', cap: null };
const rows = [
  measured(eventLoop, 10, 20 * MIB, 1, 7),
  measured(eventLoop, 100, 20.5 * MIB, 1, 7),
  measured(eventLoop, 1000, 20 * MIB + 6 * 1024 * 1000, 1, 7),
  measured(fork, 10, 20 * MIB + 90 * MIB, 11, 80),
  measured(fork, 100, 20 * MIB + 900 * MIB, 101, 800),
  projected(fork, 1000, 9 * 1000 * MIB, 'opening 900 more at 300 ms each (270 s) would overrun the 8 s budget'),
  measured(forkDefault, 100, 20 * MIB + 64 * 9 * MIB, 65, 520, 64),
];
const results: ResultsFile = {
  ...fixture,
  env: { ...fixture.env, memoryBytes: 24 * GIB },
  scenarios: [recordOf(declared, { quick: false, overrides: {} })],
  results: rows,
};

describe('the connections scenario in the report', () => {
  it('writes rows results.json accepts, a projected step with its measured figures null', () => {
    expect(() => checkResults(results)).not.toThrow();
    const notRun = rows[5]!.connectionsStep!;
    expect(notRun).toMatchObject({ projected: true, pssBytes: null, served: null, queued: null, firstEchoMs: null, projectedPssBytes: 9 * 1000 * MIB });
    expect(rows[5]!.server).toBeNull();
  });

  it('draws memory against connections, log-log, each line labelled once with its cost, projected steps hollow, the walls said under the title', async () => {
    const chart = memoryPerConnection.build(results)!;
    const text = JSON.stringify(chart.body);
    expect(text).toContain('"scale":{"type":"log"}');
    expect(text).toMatch(/"scale":\{"type":"log","domain":\[\d+,\d+\],"nice":false\}/);
    expect(text).toContain('event-loop: 6 KiB a connection');
    expect(chart.notes).toContain("At those costs this machine's 24 GiB would hold about 2,730 fork (cap raised) and 4,190,000 event-loop connections");
    expect(text).not.toContain('2,730');
    expect(text).toContain('"filled":false');
    const values = (chart.body.layer as { data?: { values: { kind: string; connections: number; model: string }[] } }[])[0]!.data!.values;
    expect(values.filter((v) => v.kind === 'projected').map((v) => [v.model, v.connections])).toEqual([['fork', 1000]]);
    const { svg, warnings } = await renderSvg(framedChart(memoryPerConnection.title, chart, results), 'm');
    expect(warnings).toEqual([]);
    expect(svg).toContain('2,730');
    // Each figure drawn once: a line's cost in its label, its queue in the default-cap line's label.
    const drawnText = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(drawnText.filter((t) => t!.includes('9 MiB'))).toEqual(['fork (cap raised): 9 MiB a connection']);
    expect(drawnText.filter((t) => t!.includes('36 queued'))).toEqual(['fork (default cap 64): 36 queued']);
  });

  it('has no chart without the scenario', () => {
    expect(memoryPerConnection.build(fixture)).toBeNull();
  });

  it('says what a connection costs each model and what it is made of, from the numbers', () => {
    const story = narrate(rows, results).join(' ');
    expect(story).toMatch(/One open, live connection cost from [a-z-]+(?: \(cap raised\))?'s [\d.]+ KiB to fork \(cap raised\) about 9 MiB, a Node process each \(101 processes and 800 threads at 100 connections\), in memory \(PSS\) added over the idle server: [\d,.]+× as much\./);
    expect(story).toContain('Per connection: fork (cap raised) about 9 MiB');
    expect(story).toContain('event-loop about 6 KiB, a socket and its JS objects (1 process and 7 threads at 1,000 connections)');
    expect(story).toContain("At those costs this machine's 24 GiB would hold about 2,730 fork connections and about 4,190,000 event-loop connections.");
    expect(story).toContain('At their default caps, fork served 64 of 100 connections and left 36 queued');
    expect(story).toContain('Not measured: fork (cap raised) from 1,000 connections (projected: opening 900 more');
  });

  it('leaves projected steps out of the caveats about rows that completed nothing: its own sentence says why they were not run', () => {
    expect(caveats(results).join(' ')).not.toContain('projected');
  });

  it('prints each step and a table of cost per connection within 120 columns', () => {
    const table = formatConnectionsTable(rows, 24 * GIB);
    for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    expect(table).toContain('cost per connection');
    expect(table).toMatch(/fork \(cap raised\)\s+│ 9 MiB\s+│ 100 conns/);
    expect(table).toMatch(/│ 1,000 │ —\s+│ —\s+│ ≈ 8.79 GiB/);
    expect(table).toMatch(/event-loop\s+│ 6 KiB\s+│ 1,000 conns/);
    expect(table).toContain('projected, not run: opening 900 more');
  });
});

describe('a model that did not serve the connections it held', () => {
  // sequential holds 1,000 connections and answers one: the rest wait in its queue, costing it next to nothing.
  const sequential: Series = { model: 'sequential', series: 'uncapped', cap: null };
  const starving = [...rows, measured(sequential, 10, 20 * MIB + 64 * 1024, 1, 7, 1), measured(sequential, 1000, 20 * MIB + 6 * 1024 * 1000, 1, 7, 1)];
  const run: ResultsFile = { ...results, results: starving };

  it('gets no projection of how many connections the machine would hold: it did not serve them', () => {
    const story = narrate(starving, run).join(' ');
    expect(story).toContain('about 4,190,000 event-loop connections');
    expect(story).not.toMatch(/would hold[^.]*sequential/);
    expect(JSON.stringify(memoryPerConnection.build(run)!.notes)).not.toContain('sequential: at about');
  });
});

describe('the connections scenario in the tables and the CSV', () => {
  it('shows no throughput or fairness for its rows: it measures memory (— in the report, empty in the CSV, null in results.json), and says each row’s series and cap', async () => {
    const { columnsFor } = await import('../../src/report/table-rows.js');
    const columns = columnsFor(rows);
    const cell = (header: string, row: ResultRow) => columns.find((column) => column.header.startsWith(header))?.cell(row);
    for (const header of ['msgs/s', 'MB/s']) expect(cell(header, rows[0]!), header).toBe('—');
    expect(cell('starved', rows[0]!)).not.toContain('J 0');

    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ResultsWriter } = await import('../../src/harness/output/results-writer.js');
    const root = mkdtempSync(join(tmpdir(), 'echolab-csv-'));
    try {
      const writer = new ResultsWriter(root, 'connections-run');
      writer.save(results);
      const [head, ...lines] = readFileSync(join(writer.dir, 'results.csv'), 'utf8').trimEnd().split('\n');
      const names = head!.split(',');
      const record = (i: number) => Object.fromEntries(lines[i]!.split(',').map((value, k) => [names[k], value]));
      for (const column of ['msgs_per_sec', 'msgs_per_sec_lowest_repeat', 'msgs_per_sec_highest_repeat', 'bytes_per_sec', 'jain']) expect(record(0)[column], column).toBe('');
      expect(record(4)).toMatchObject({ series: 'raised', cap: '101' });
      expect(record(0)).toMatchObject({ series: 'uncapped', cap: '' });
      // results.json says null where nothing was measured; read back, the rows are whole again.
      const written = JSON.parse(readFileSync(join(writer.dir, 'results.json'), 'utf8')) as { results: Record<string, unknown>[] };
      expect(written.results[0]).toMatchObject({ msgsPerSec: null, bytesPerSec: null, fairness: { jain: null } });
      const { checkResults } = await import('../../src/results/check-results.js');
      const [back] = checkResults(written).results;
      expect(back!.msgsPerSec.runs).toEqual([]);
      expect(Number.isNaN(back!.fairness.jain)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
