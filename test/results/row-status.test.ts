/** What to distrust about a row, said once (results/row-status.ts) and shown alike by the terminal's table and the report's. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/harness/output/table.js';
import { columnsFor } from '../../src/report/table-rows.js';
import { clientBoundMeaning, rowMarks, rowStatus } from '../../src/results/row-status.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from '../report/fixture-run.js';
import { exceptionsSentence } from '../../src/report/narrative/facts.js';
import { serverName } from '../../src/results/server-label.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const plain = fixture.results.find((row) => row.mode === 'open' && row.status === 'ok' && !row.client.clientBound && !row.rateShortfall)!;
const variant = (change: (row: ResultRow) => void): ResultRow => {
  const row = structuredClone(plain);
  change(row);
  return row;
};

describe('row status and marks', () => {
  const lowerBound = variant((row) => {
    row.client.clientBound = true;
    row.client.sendLagP99Us = 2500;
    row.rateShortfall = true;
    row.fairness.starved = 3;
  });
  const failed = variant((row) => {
    row.status = 'failed';
    row.failure = 'server exited (code 1)';
    row.client.clientBound = true;
  });

  it('labels a row by the worst thing about it, and marks every reason, worst first', () => {
    expect(rowStatus(plain)).toBe('measured');
    expect(rowMarks(plain)).toEqual([]);
    expect(rowStatus(lowerBound)).toBe('client-bound');
    // An open-loop row: the generator's lateness is in its latency (its rate is the schedule's).
    expect(rowMarks(lowerBound)).toEqual(['client-bound: the generator sent late (send lag p99 2.5 ms), and its latency includes that lateness', 'rate shortfall: offered rate not reached']);
    // A closed-loop row: its throughput is what the generator could drive.
    expect(rowMarks(variant((row) => {
      delete row.targetRate;
      row.client.clientBound = true;
    }))).toEqual(['client-bound: throughput is a lower bound']);
    expect(rowStatus(failed)).toBe('failed');
    expect(rowMarks(failed)).toEqual(['FAILED: server exited (code 1)', 'client-bound: the generator sent late (send lag p99 —), and its latency includes that lateness']);
    expect(rowMarks(variant((row) => (row.status = 'failed')))).toEqual(['FAILED: no reason recorded']);
    expect(rowStatus(variant((row) => (row.status = 'incomplete')))).toBe('incomplete');
  });

  it('labels a row whose windows completed nothing, and says what it saw and what to change', () => {
    const empty = variant((row) => {
      row.status = 'empty';
      row.emptyReason = 'no connection completed in 0.4 s; raise -d';
      row.client.clientBound = true;
    });
    expect(rowStatus(empty)).toBe('nothing completed');
    expect(rowMarks(empty)).toEqual(['nothing completed: no connection completed in 0.4 s; raise -d', 'client-bound: the generator sent late (send lag p99 —), and its latency includes that lateness']);
    expect(formatTable([empty])).toContain('nothing completed: no connection completed in 0.4 s; raise -d');
  });

  it('puts the same marks in the terminal table and the report table', () => {
    const marksColumn = columnsFor([lowerBound]).find((column) => column.header === 'marks')!;
    expect(marksColumn.cell(lowerBound)).toBe(rowMarks(lowerBound).join('; '));
    // The terminal numbers its marks and says each in full under the table.
    const table = formatTable([lowerBound]);
    const marks = rowMarks(lowerBound);
    expect(marks.length).toBeGreaterThan(0);
    marks.forEach((mark, i) => expect(table).toContain(`[${i + 1}] ${mark}`));
    // The terminal has no starved column: the count stands once beside the latency figures it qualifies.
    expect(table.replace(/\s+/g, ' ')).toMatch(/ \(3 starved\) /);
  });

  it("says what client-bound means in the narrative's words too, the same way", () => {
    const closed = variant((row) => {
      delete row.targetRate;
      row.client.clientBound = true;
    });
    expect(clientBoundMeaning(lowerBound)).toBe('the generator sent late (send lag p99 2.5 ms), and its latency includes that lateness');
    expect(exceptionsSentence([lowerBound])).toBe(`Note: client-bound, so the generator sent late, and its latency includes that lateness: ${serverName(lowerBound)} (send lag p99 2.5 ms).`);
    expect(exceptionsSentence([closed])).toBe(`Note: client-bound, so throughput is a lower bound: ${serverName(closed)}.`);
    expect(exceptionsSentence([plain])).toBeNull();
  });

  it('says each meaning of client-bound once, its rows grouped by server', () => {
    const at = (connections: number, model: ResultRow['model']) =>
      variant((row) => {
        delete row.targetRate;
        row.client.clientBound = true;
        row.connections = connections;
        row.model = model;
      });
    const sentence = exceptionsSentence([at(16, 'event-loop'), at(64, 'event-loop'), at(16, 'cluster'), at(64, 'worker')]);
    expect(sentence).toBe('Note: client-bound, so throughput is a lower bound: event-loop (c=16 and c=64), cluster (c=16) and worker (c=64).');
  });
});
