/** The scoreboard: each cell read from the rows, ranked with ties, marked, and laid out in HTML and Markdown. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { serverKey } from '../../src/results/server-label.js';
import { scoreboard, type Scoreboard, type ScoreCell } from '../../src/report/scoreboard/scoreboard.js';
import { boardNotes } from '../../src/report/scoreboard/notes.js';
import { scoreboardHtml } from '../../src/report/scoreboard/html.js';
import { scoreboardMarkdown } from '../../src/report/scoreboard/markdown.js';
import { ratioText } from '../../src/report/scoreboard/ratio.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const board = scoreboard(fixture);

function cell(of: Scoreboard, server: string, scenario: string): ScoreCell {
  const row = of.rows.find((r) => r.label === server)!;
  return row.cells[of.columns.findIndex((column) => column.scenario === scenario)]!;
}
const fixtureRow = (scenario: string, model: string, connections?: number) =>
  fixture.results.find((row) => row.scenario === scenario && row.model === model && (connections === undefined || row.connections === connections))!;

/** A fixture row copied into another scenario with its own repeats. */
function withRuns(template: ResultRow, scenario: string, model: ResultRow['model'], runs: number[], extra: Partial<ResultRow> = {}): ResultRow {
  const row = structuredClone(template);
  const sorted = [...runs].sort((a, b) => a - b);
  Object.assign(row, { scenario, model, status: 'ok', msgsPerSec: { median: sorted[Math.floor(sorted.length / 2)]!, range: [sorted[0]!, sorted.at(-1)!], runs }, ...extra });
  row.client = { ...row.client, clientBound: false };
  row.fairness = { ...row.fairness, starved: 0 };
  return row;
}
const run = (rows: ResultRow[]): Pick<ResultsFile, 'scenarios' | 'results'> => ({ scenarios: [], results: rows });

describe('scoreboard from the fixture run', () => {
  it('has one row per server and one column per scenario, in the run’s orders', () => {
    expect(board.rows.map((row) => row.label)).toEqual(['sequential', 'fork', 'worker', 'piscina', 'hsha', 'event-loop', 'cluster', 'reuseport']);
    expect(board.columns.map((column) => column.scenario)).toEqual(['echo-small', 'echo-large', 'cpu', 'churn', 'slow-client', 'open']);
    expect(board.columns.map((column) => column.header)).toEqual(['msgs/s c=64', 'MB/s', 'msgs/s c=16, all cores', 'conn/s c=16', 'msgs/s c=15', 'p99 at 5,000 msgs/s']);
  });

  it('reads each cell from its row: echo-small at the top connection count, churn in conn/s', () => {
    expect(cell(board, 'event-loop', 'echo-small').value).toBe(fixtureRow('echo-small', 'event-loop', 64).msgsPerSec.median);
    expect(cell(board, 'fork', 'churn').value).toBe(fixtureRow('churn', 'fork').connectionsPerSec!.median);
    expect(cell(board, 'hsha', 'open').value).toBe(fixtureRow('open', 'hsha').latencyUs.p99);
  });

  it('gives the best cell ratio 1 and the others their share of it', () => {
    const best = cell(board, 'event-loop', 'echo-small');
    expect(best.ratio).toBe(1);
    expect(best.rank).toBe(1);
    const fork = cell(board, 'fork', 'echo-small');
    expect(fork.ratio).toBeCloseTo(fork.value! / best.value!, 12);
  });

  it('ranks overlapping repeats as ties: cpu’s parallel models share rank 1, event-loop the next; a starved cell is not ranked', () => {
    const parallel = ['fork', 'worker', 'piscina', 'hsha', 'cluster', 'reuseport'].map((model) => cell(board, model, 'cpu').rank);
    expect(new Set(parallel)).toEqual(new Set([1]));
    expect(cell(board, 'event-loop', 'cpu').rank).toBe(7);
    // sequential served one of 16 connections: its figure is not of the whole load.
    expect(cell(board, 'sequential', 'cpu')).toMatchObject({ rank: null, marks: expect.arrayContaining(['starved']) });
  });

  it('shows a failed row as a dash with its mark, not ranked', () => {
    const failed = cell(board, 'fork', 'echo-large');
    expect(failed).toMatchObject({ value: null, text: '—', rank: null, marks: ['failed'] });
  });

  it('ranks nothing in a column without repeats’ bounds (open: one p99 per row)', () => {
    expect(board.columns.find((column) => column.scenario === 'open')!.measuredOnce).toBe(true);
    const plain = board.rows.map((row) => cell(board, row.label, 'open')).filter((c) => !c.marks.some((mark) => mark === 'starved' || mark === 'rate shortfall'));
    expect(new Set(plain.map((c) => c.rank))).toEqual(new Set([1]));
  });

  it('never ranks a starved or short cell, whose latency would look the best (one connection served)', () => {
    const starved = board.rows.map((row) => cell(board, row.label, 'open')).filter((c) => c.marks.includes('starved') || c.marks.includes('rate shortfall'));
    expect(starved.length).toBeGreaterThan(0);
    for (const c of starved) expect(c.rank).toBeNull();
  });

  it('says each kind of mark once, naming its cells grouped by server', () => {
    const notes = boardNotes(board);
    expect(notes.map((note) => note.kind)).toEqual(['failed', 'nothing completed', 'client-bound', 'rate shortfall', 'starved']);
    expect(notes.find((note) => note.kind === 'starved')!.where).toBe('sequential: echo-small, echo-large, cpu, churn, slow-client, open');
    expect(notes.find((note) => note.kind === 'client-bound')!.where).toBe('piscina: churn; cluster: echo-small');
  });
});

describe('ranking rules', () => {
  const template = fixtureRow('echo-small', 'event-loop', 64);

  it('does not rank a client-bound cell: its figure is the generator\'s ceiling, a lower bound, not the server\'s', () => {
    const fast = withRuns(template, 'x', 'event-loop', [100, 101, 102]);
    const bound = withRuns(template, 'x', 'cluster', [50, 51, 52]);
    bound.client = { ...bound.client, clientBound: true };
    const slow = withRuns(template, 'x', 'fork', [10, 11, 12]);
    const of = scoreboard(run([fast, bound, slow]));
    expect(cell(of, 'cluster', 'x').rank).toBeNull();
    expect(cell(of, 'cluster', 'x').marks).toEqual(['client-bound']);
    expect(cell(of, 'fork', 'x').rank).toBe(2);
  });

  it('does not rank a row above its CPU limit, nor count it as the best', () => {
    const cpu = fixtureRow('cpu', 'event-loop');
    const possible = withRuns(cpu, 'cpu', 'event-loop', [900, 910, 920]);
    const impossible = withRuns(cpu, 'cpu', 'worker', [5000, 5100, 5200]);
    impossible.placement = { ...impossible.placement, pinned: true, serverCpus: [0] };
    const of = scoreboard(run([possible, impossible]));
    expect(cell(of, 'worker', 'cpu')).toMatchObject({ rank: null, marks: ['above CPU limit'] });
    expect(cell(of, 'event-loop', 'cpu').ratio).toBe(1);
  });

  it('gives a variant its own row, with no cell where it did not run', () => {
    const churn = fixtureRow('churn', 'worker');
    const cached = { ...structuredClone(churn), serveFlags: ['--thread-cache', '64'] };
    const of = scoreboard(run([fixtureRow('echo-small', 'worker', 64), churn, cached]));
    expect(of.rows.map((row) => row.label)).toEqual(['worker', 'worker --thread-cache 64']);
    expect(cell(of, 'worker --thread-cache 64', 'echo-small')).toMatchObject({ ran: false, value: null });
    expect(cell(of, 'worker --thread-cache 64', 'churn').value).toBe(cached.connectionsPerSec!.median);
  });

  it('orders capacity searches by their intervals: a sustained rate at the other’s first failing rate is above it', () => {
    const open = fixtureRow('open', 'event-loop');
    const search = (model: ResultRow['model'], sustainedRate: number, firstFailingRate: number | null, lowerBound = false): ResultRow => {
      const row = withRuns(open, 'capacity', model, [sustainedRate]);
      // A search row records its kind as the harness writes it (the template's is its open loop's).
      row.kind = 'capacity';
      row.rateSearch = { slo: { percentile: 'p99', objectiveUs: 2000 }, step: 5, passed: true, clientBound: false, result: { sustainedRate, firstFailingRate, lowerBound, startRate: 1000, probeMsgsPerSec: 4000, steps: 5 } };
      return row;
    };
    const of = scoreboard(run([search('event-loop', 16_000, 20_000), search('worker', 8_000, 16_000), search('fork', 9_000, 12_000), search('cluster', 4_000, null, true)]));
    expect(of.columns[0]!.header).toBe('sustained msgs/s');
    expect(cell(of, 'event-loop', 'capacity').rank).toBe(1);
    // worker's limit lies in [8,000, 16,000), fork's in [9,000, 12,000): they overlap.
    expect(cell(of, 'worker', 'capacity').rank).toBe(cell(of, 'fork', 'capacity').rank);
    // A lower bound may lie above any of them, or below: it is not ranked.
    expect(cell(of, 'cluster', 'capacity')).toMatchObject({ rank: null, marks: ['lower bound'] });
  });

  it('reads the connections scenario’s memory per connection at the highest step run, marked where larger steps were projected', () => {
    const template = fixtureRow('echo-small', 'event-loop', 64);
    const step = (model: ResultRow['model'], connections: number, bytesPerConnection: number | null, projected = false, queued = 0): ResultRow => {
      const row = withRuns(template, 'connections', model, [1], { connections, status: projected ? 'empty' : 'ok' });
      row.kind = 'connections';
      row.connectionsStep = { series: 'uncapped', cap: null, echoEverySec: 5, deadlineSec: 2, projected, projectedReason: projected ? 'memory' : null, projectedPssBytes: null, safetyBoundBytes: 1e9, baselinePssBytes: 1e7, pssBytes: null, bytesPerConnection, processes: 1, threads: 1, served: connections - queued, queued, failed: 0, liveEchoes: 0, firstEchoMs: 1, startMs: 1, kernelTcpBytes: null, kernelTcpSockets: null };
      return row;
    };
    const of = scoreboard(run([step('event-loop', 10, 9000), step('event-loop', 1000, 8700), step('fork', 10, 17_000_000), step('fork', 100, 16_000_000), step('fork', 1000, null, true)]));
    expect(of.columns[0]).toMatchObject({ header: 'memory per connection', better: 'lower' });
    expect(cell(of, 'event-loop', 'connections')).toMatchObject({ value: 8700, at: 'c=1,000', marks: [] });
    expect(cell(of, 'fork', 'connections')).toMatchObject({ value: 16_000_000, at: 'c=100', marks: ['projected'] });
    expect(cell(of, 'fork', 'connections').ratio).toBeCloseTo(16_000_000 / 8700, 9);
  });

  it('does not rank memory per connection where held connections only waited in a queue (a server that serves one is the cheapest)', () => {
    const template = fixtureRow('echo-small', 'event-loop', 64);
    const step = (model: ResultRow['model'], bytesPerConnection: number, queued: number): ResultRow => {
      const row = withRuns(template, 'connections', model, [1], { connections: 1000 });
      row.kind = 'connections';
      row.connectionsStep = { series: 'uncapped', cap: null, echoEverySec: 5, deadlineSec: 2, projected: false, projectedReason: null, projectedPssBytes: null, safetyBoundBytes: 1e9, baselinePssBytes: 1e7, pssBytes: null, bytesPerConnection, processes: 1, threads: 1, served: 1000 - queued, queued, failed: 0, liveEchoes: 0, firstEchoMs: 1, startMs: 1, kernelTcpBytes: null, kernelTcpSockets: null };
      return row;
    };
    const of = scoreboard(run([step('sequential', 7000, 999), step('event-loop', 13_000, 0), step('reuseport', 10_000, 0)]));
    expect(cell(of, 'sequential', 'connections')).toMatchObject({ rank: null, marks: ['starved'], ratio: null });
    expect(cell(of, 'reuseport', 'connections')).toMatchObject({ rank: 1, ratio: 1 });
  });
});

describe('scoreboard layout', () => {
  it('shades tied cells alike in HTML and marks each cell with its symbols', () => {
    const html = scoreboardHtml(board);
    const cpuRow = (model: string) => new RegExp(`${model}</th>(?:<td[^>]*>.*?</td>){2}<td class="([^"]+)"`).exec(html)![1];
    expect(cpuRow('fork')).toBe('shade-0');
    expect(cpuRow('reuseport')).toBe('shade-0');
    expect(cpuRow('sequential')).toBe('unranked');
    expect(cpuRow('event-loop')).toBe('shade-4');
    expect(html).toContain('<li><span class="mark">▲</span> <b>client-bound</b>');
  });

  it('is a Markdown table with one line per server, the best in bold', () => {
    const markdown = scoreboardMarkdown(board);
    const table = markdown.split('\n').filter((line) => line.startsWith('|'));
    expect(table).toHaveLength(2 + board.rows.length);
    expect(table[0]).toBe('| Model | echo-small (msgs/s c=64 ↑) | echo-large (MB/s ↑) | cpu (msgs/s c=16, all cores ↑) | churn (conn/s c=16 ↑) | slow-client (msgs/s c=15 ↑) | open (p99 at 5,000 msgs/s ↓) |');
    expect(table.find((line) => line.startsWith('| event-loop |'))).toContain('| **69,400** |');
    expect(table.find((line) => line.startsWith('| fork |'))).toContain('| —✕ |');
  });

  it('prints small ratios as fractions, the others to two decimals', () => {
    expect(ratioText(1)).toBe('1×');
    expect(ratioText(0.8431)).toBe('0.84×');
    expect(ratioText(0.00475)).toBe('1/211×');
    expect(ratioText(10_100)).toBe('10,100×');
  });

  it('keys its rows as the charts do', () => {
    expect(board.rows.map((row) => row.key)).toEqual([...new Set(fixture.results.map(serverKey))]);
  });
});
