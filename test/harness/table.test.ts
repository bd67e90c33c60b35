/** The terminal's per-scenario table: what it shows for figures that were not measured, and for rows to read with care. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/harness/output/table.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from '../report/fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const rowOf = (scenario: string, model: string, connections?: number): ResultRow =>
  structuredClone(fixture.results.find((row) => row.scenario === scenario && row.model === model && (connections === undefined || row.connections === connections))!);
/** The table line of a model's row, its cells trimmed. */
const cells = (table: string, model: string) =>
  table
    .split('\n')
    .find((line) => line.startsWith(`│ ${model} `))!
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
const header = (table: string) => cells(table, 'model');
const cell = (table: string, model: string, column: string) => cells(table, model)[header(table).indexOf(column)];

describe('the terminal table', () => {
  it('shows no latency where nothing was answered: a dash, never 0 µs', () => {
    const table = formatTable([rowOf('slow-client', 'sequential'), rowOf('slow-client', 'event-loop')]);
    for (const column of ['p50', 'p99', 'p99.9', 'max']) {
      expect(cell(table, 'sequential', column)).toBe('—');
      expect(cell(table, 'event-loop', column)).toMatch(/^[\d.,]+ (µs|ms)$/);
    }
    expect(table).not.toContain('0 µs');
  });

  it('puts the starved count beside every latency figure of a row that has starved connections', () => {
    const sequential = rowOf('echo-small', 'sequential', 16);
    const table = formatTable([sequential]);
    expect(cell(table, 'sequential', 'p50')).toBe(`${sequential.latencyUs.p50} µs (15 starved)`);
    for (const column of ['p99', 'p99.9', 'max']) expect(cell(table, 'sequential', column)).toMatch(/^[\d.,]+ (µs|ms) \(15 starved\)$/);
  });

  it('heads the churn table conn/s and shows completed connections per second there, not messages', () => {
    const row = rowOf('churn', 'fork');
    row.connectionsPerSec = { median: 351, ci95: [340, 362], runs: [345, 351, 357] };
    row.msgsPerSec = { median: 702, ci95: [680, 724], runs: [690, 702, 714] };
    const table = formatTable([row]);
    expect(header(table)).toContain('conn/s (±95%)');
    expect(header(table)).not.toContain('msgs/s (±95%)');
    expect(cell(table, 'fork', 'conn/s (±95%)')).toMatch(/^351 ±/);
    expect(header(formatTable([rowOf('echo-large', 'worker')]))).toContain('msgs/s (±95%)');
  });
});
