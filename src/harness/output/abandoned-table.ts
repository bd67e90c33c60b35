/** The abandoned scenario's table: what departed clients cost each model, instead of throughput and latency. */
import { fittedTable } from './fit-columns.js';
import { numberMarks } from './mark-notes.js';
import { count, latency, mebibytes, orAbsent } from '../../results/format.js';
import { rowMarks } from '../../results/row-status.js';
import type { ResultRow } from '../../results/schema.js';
import { serverLabel } from '../../results/server-label.js';
import { departureKind, owedEchoesText } from '../../results/departure-text.js';

/** The row's marks; starved connections join them here, where no latency column shows them. */
function marks(row: ResultRow): string[] {
  const starved = row.fairness.starved > 0 ? [`${row.fairness.starved} starved`] : [];
  return [...rowMarks(row), ...starved];
}

export function formatAbandonedTable(rows: readonly ResultRow[]): string {
  const head = ['model', 'busy', 'departed', 'left after', 'first echo', 'srv CPU meanwhile', 'dropped by server', 'owed echoes', 'errors', 'PSS', 'procs/thr', 'notes'];
  const lines: (string | number)[][] = [];
  for (const row of rows) {
    const a = row.abandoned!;
    const errors = Object.entries(row.errors).filter(([, n]) => n > 0);
    lines.push([
      serverLabel(row),
      row.connections,
      `${count(a.departed)}/${count(a.clients)}`,
      departureKind(a),
      orAbsent(a.firstEchoMs, (ms) => latency(ms * 1000)),
      orAbsent(a.serverCpuSec, (s) => latency(s * 1e6)),
      orAbsent(a.serverAbandoned, count),
      orAbsent(owedEchoesText(a), (text) => text),
      errors.length ? errors.map(([kind, n]) => `${kind} ${count(n)}`).join(', ') : '0',
      mebibytes(row.server?.peakPssBytes ?? null),
      orAbsent(row.server, (server) => `${server.maxProcesses}/${server.maxThreads}`),
    ]);
  }
  const notes = numberMarks(rows.map((row) => marks(row)));
  const table = fittedTable(head, lines.map((line, i) => [...line, notes.cells[i]!]), ['errors', 'srv CPU meanwhile', 'dropped by server', 'owed echoes', 'left after']);
  return notes.legend ? `${table}\n${notes.legend}` : table;
}
