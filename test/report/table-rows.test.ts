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

const LATENCY = 'latency p50 / p99 / p99.9 / max';
const FIGURE = String.raw`[\d.,]+ (µs|ms|s)`;
const FOUR_FIGURES = `${FIGURE} / ${FIGURE} / ${FIGURE} / ${FIGURE}`;

describe('the report table', () => {
  it('shows no latency where nothing was answered: a dash, never 0 µs', () => {
    const cells = cellsOf(rowsOf('slow-client'), rowOf('slow-client', 'sequential'));
    expect(cells[LATENCY]).toBe('—');
  });

  it('puts the starved count beside every latency figure of a row that has starved connections, in every scenario', () => {
    const open = cellsOf(rowsOf('open'), rowOf('open', 'sequential'));
    // The four figures share one cell: the count stands once, after all of them.
    expect(open[LATENCY]).toMatch(new RegExp(`^${FOUR_FIGURES} \\(15 starved\\)$`));
    expect(open['p99 uncorrected']).toMatch(new RegExp(`^${FIGURE} \\(15 starved\\)$`));
    const echo = cellsOf(rowsOf('echo-small'), rowOf('echo-small', 'sequential', 64));
    expect(echo[LATENCY]).toMatch(new RegExp(`^${FOUR_FIGURES} \\(63 starved\\)$`));
    const served = cellsOf(rowsOf('echo-small'), rowOf('echo-small', 'event-loop', 64));
    expect(served[LATENCY]).toMatch(new RegExp(`^${FOUR_FIGURES}$`));
  });
});
