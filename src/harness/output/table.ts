/** The per-scenario table, autocannon-style: one row per model (and point), with marks on rows to distrust. */
import Table from 'cli-table3';
import { formatAbandonedTable } from './abandoned-table.js';
import { count, mebibytes, megabytesPerSec, num, orAbsent, percent } from '../../results/format.js';
import { latencyFigure } from '../../results/latency-figure.js';
import { rowMarks } from '../../results/row-status.js';
import type { ResultRow } from '../../results/schema.js';
import { serverLabel } from '../../results/server-label.js';

export function formatTable(rows: readonly ResultRow[]): string {
  // Rows of the abandoned scenario measure no throughput or latency: their figures get their own columns.
  if (rows.length > 0 && rows.every((row) => row.abandoned)) return formatAbandonedTable(rows);
  // Churn is measured in completed connections per second, not messages.
  const churn = rows.length > 0 && rows.every((row) => row.mode === 'churn');
  const table = new Table({
    head: ['model', 'conns', churn ? 'conn/s (±95%)' : 'msgs/s (±95%)', 'MB/s', 'p50', 'p99', 'p99.9', 'max', 'errors', 'srv CPU', 'memory (PSS)', 'procs/thr', 'marks'],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    const { median, ci95 } = churn ? row.connectionsPerSec! : row.msgsPerSec;
    const spread = median > 0 && row.repeats > 1 ? ` ±${percent((100 * (ci95[1] - ci95[0])) / 2 / median)}` : '';
    const errors = Object.entries(row.errors).filter(([, n]) => n > 0);
    table.push([
      serverLabel(row),
      row.connections + (row.idleConnections > 0 ? `+${row.idleConnections} idle` : ''),
      `${num(median)}${spread}`,
      megabytesPerSec(row.bytesPerSec.median),
      latencyFigure(row, row.latencyUs.p50),
      latencyFigure(row, row.latencyUs.p99),
      latencyFigure(row, row.latencyUs.p999),
      latencyFigure(row, row.latencyUs.max),
      errors.length ? errors.map(([kind, n]) => `${kind} ${count(n)}`).join(', ') : '0',
      percent(row.server?.cpuPercent ?? null),
      mebibytes(row.server?.peakPssBytes ?? null),
      orAbsent(row.server, (server) => `${server.maxProcesses}/${server.maxThreads}`),
      rowMarks(row).join('; '),
    ]);
  }
  return table.toString();
}
