/** The report page's per-scenario table: a dash where nothing was measured, and the starved count beside every latency figure. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { columnsFor } from '../../src/report/table-rows.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const rowsOf = (scenario: string) => fixture.results.filter((row) => row.scenario === scenario);
const rowOf = (scenario: string, model: string, connections?: number): ResultRow =>
  rowsOf(scenario).find((row) => row.model === model && (connections === undefined || row.connections === connections))!;
/** Every cell of a row, by column header. */
const cellsOf = (rows: readonly ResultRow[], row: ResultRow) => Object.fromEntries(columnsFor(rows).map((column) => [column.header, column.cell(row)]));

const LATENCY_COLUMNS = ['p50', 'p99', 'p99.9', 'max'];

describe('the report table', () => {
  it('shows no latency where nothing was answered: a dash, never 0 µs', () => {
    const cells = cellsOf(rowsOf('slow-client'), rowOf('slow-client', 'sequential'));
    for (const column of LATENCY_COLUMNS) expect(cells[column]).toBe('—');
  });

  it('puts the starved count beside every latency figure of a row that has starved connections, in every scenario', () => {
    const open = cellsOf(rowsOf('open'), rowOf('open', 'sequential'));
    for (const column of [...LATENCY_COLUMNS, 'p99 uncorrected']) expect(open[column]).toMatch(/^[\d.,]+ (µs|ms|s) \(15 starved\)$/);
    const echo = cellsOf(rowsOf('echo-small'), rowOf('echo-small', 'sequential', 64));
    for (const column of LATENCY_COLUMNS) expect(echo[column]).toMatch(/ \(63 starved\)$/);
    const served = cellsOf(rowsOf('echo-small'), rowOf('echo-small', 'event-loop', 64));
    for (const column of LATENCY_COLUMNS) expect(served[column]).not.toContain('starved');
  });
});
