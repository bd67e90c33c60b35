/** The per-scenario table, autocannon-style: one row per model (and point), with marks on rows to distrust. */
import Table from 'cli-table3';
import { formatAbandonedTable } from './abandoned-table.js';
import { count, latency, mebibytes, megabytesPerSec, num, percent } from '../../results/format.js';
import { rowMarks } from '../../results/row-status.js';
import type { ResultRow } from '../../results/schema.js';

/** The row's marks; starved connections join them here, where no column counts them. */
function marks(row: ResultRow): string[] {
  const starved = row.fairness.starved > 0 ? [`${row.fairness.starved} starved`] : [];
  return [...rowMarks(row), ...starved];
}

export function formatTable(rows: readonly ResultRow[]): string {
  // Rows of the abandoned scenario measure no throughput or latency: their figures get their own columns.
  if (rows.length > 0 && rows.every((row) => row.abandoned)) return formatAbandonedTable(rows, marks);
  const table = new Table({
    head: ['model', 'conns', 'msgs/s (±95%)', 'MB/s', 'p50', 'p99', 'p99.9', 'max', 'errors', 'srv CPU', 'memory (PSS)', 'procs/thr', 'marks'],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    const { median, ci95 } = row.msgsPerSec;
    const spread = median > 0 && row.repeats > 1 ? ` ±${percent((100 * (ci95[1] - ci95[0])) / 2 / median)}` : '';
    const errors = Object.entries(row.errors).filter(([, n]) => n > 0);
    table.push([
      row.model,
      row.connections + (row.idleConnections > 0 ? `+${row.idleConnections} idle` : ''),
      `${num(median)}${spread}`,
      megabytesPerSec(row.bytesPerSec.median),
      latency(row.latencyUs.p50),
      latency(row.latencyUs.p99),
      latency(row.latencyUs.p999),
      latency(row.latencyUs.max),
      errors.length ? errors.map(([kind, n]) => `${kind} ${count(n)}`).join(', ') : '0',
      percent(row.server.cpuPercent),
      mebibytes(row.server.peakPssBytes),
      `${row.server.maxProcesses}/${row.server.maxThreads}`,
      marks(row).join('; '),
    ]);
  }
  return table.toString();
}
