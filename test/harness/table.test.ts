/** The terminal's per-scenario table: what it shows for figures that were not measured, and for rows to read with care. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/harness/output/table.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from '../report/fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const rowOf = (scenario: string, model: string, connections?: number): ResultRow =>
  structuredClone(fixture.results.find((row) => row.scenario === scenario && row.model === model && (connections === undefined || row.connections === connections))!);
/**
 * A model's row, each cell's text with its wrapped lines joined by spaces (cells wrap to keep the
 * table within 120 columns); the first such row when the model has several.
 */
function cells(table: string, model: string): string[] {
  const blocks: string[][] = [[]];
  for (const line of table.split('\n')) {
    if (/^[├┌└]/.test(line)) blocks.push([]);
    else if (line.startsWith('│')) blocks.at(-1)!.push(line);
  }
  const rows = blocks
    .filter((block) => block.length > 0)
    .map((block) => {
      const parts = block.map((line) => line.split('│').slice(1, -1).map((cell) => cell.trim()));
      return parts[0]!.map((_, c) => parts.map((part) => part[c]).filter(Boolean).join(' '));
    });
  return rows.find((row) => row[0] === model)!;
}
const header = (table: string) => cells(table, 'model');
const cell = (table: string, model: string, column: string) => cells(table, model)[header(table).indexOf(column)];

describe('the terminal table', () => {
  it('shows no latency where nothing was answered: a dash, never 0 µs', () => {
    const table = formatTable([rowOf('slow-client', 'sequential'), rowOf('slow-client', 'event-loop')]);
    expect(cell(table, 'sequential', 'p50 / p99')).toBe('—');
    expect(cell(table, 'event-loop', 'p50 / p99')).toMatch(/^[\d.,]+ (µs|ms) \/ [\d.,]+ (µs|ms)$/);
    expect(table).not.toContain('0 µs');
  });

  it('puts the starved count beside every latency figure of a row that has starved connections', () => {
    const sequential = rowOf('echo-small', 'sequential', 16);
    const table = formatTable([sequential]);
    // Both figures share a cell: the count stands once, after both.
    expect(cell(table, 'sequential', 'p50 / p99')).toMatch(new RegExp(`^${sequential.latencyUs.p50} µs / [\\d.,]+ (µs|ms) \\(15 starved\\)$`));
  });

  it('shows the server CPU per message beside msgs/s where the server burns work, and marks a row above its cores\' limit', () => {
    const worker = rowOf('cpu', 'worker');
    worker.placement = { ...worker.placement, pinned: true, serverCpus: [0, 1] };
    worker.msgsPerSec = { median: 2171, range: [2150, 2200], runs: [2150, 2171, 2200] };
    worker.server = { ...worker.server!, cpuPercent: 170.4 };
    const table = formatTable([worker]);
    expect(cell(table, 'worker', 'CPU µs/msg')).toBe('785');
    expect(cell(table, 'worker', 'notes')).not.toBe('');
    expect(table).toContain('above CPU limit: impossible at 1000 µs of work per message on 2 CPU(s)');
    expect(header(formatTable([rowOf('echo-small', 'worker', 16)]))).not.toContain('CPU µs/msg');
  });

  it('heads the churn table conn/s and shows completed connections per second there, not messages', () => {
    const row = rowOf('churn', 'fork');
    row.connectionsPerSec = { median: 351, range: [345, 357], runs: [345, 351, 357] };
    row.msgsPerSec = { median: 702, range: [690, 714], runs: [690, 702, 714] };
    const table = formatTable([row]);
    expect(header(table)).toContain('conn/s [range]');
    expect(header(table)).not.toContain('msgs/s [range]');
    expect(cell(table, 'fork', 'conn/s [range]')).toBe('351 [345–357]');
    expect(header(formatTable([rowOf('echo-large', 'worker')]))).toContain('msgs/s [range]');
  });

  it('fits 120 columns in every scenario, marks as numbered notes under the table', () => {
    const scenarios = [...new Set(fixture.results.map((row) => row.scenario))];
    for (const scenario of scenarios) {
      const table = formatTable(fixture.results.filter((row) => row.scenario === scenario));
      for (const line of table.split('\n')) expect([...line].length, `${scenario}: ${line}`).toBeLessThanOrEqual(120);
    }
    const bound = rowOf('echo-small', 'event-loop', 64);
    bound.client.clientBound = true;
    const table = formatTable([bound, rowOf('echo-small', 'fork', 64)]);
    expect(cell(table, 'event-loop', 'notes')).toBe('[1]');
    expect(cell(table, 'fork', 'notes')).toBe('');
    expect(table).toMatch(/\n\[1\] client-bound: throughput is a lower bound$/);
  });
});
