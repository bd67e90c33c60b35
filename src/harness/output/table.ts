/** The per-scenario table, autocannon-style: one row per model (and point), with marks on rows to distrust. */
import Table from 'cli-table3';
import { formatAbandonedTable } from './abandoned-table.js';
import type { ResultRow } from '../../results/schema.js';

const num = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (us: number) => (us >= 10_000 ? `${num(us / 1000, 0)} ms` : us >= 1000 ? `${num(us / 1000, 1)} ms` : `${num(us)} µs`);
const mb = (bytes: number) => num(bytes / 1e6, 1);

/** Why a row's numbers need a second look; empty when they stand as they are. */
export function marks(row: ResultRow): string[] {
  const out: string[] = [];
  if (row.status !== 'ok') out.push(row.status === 'failed' ? `FAILED: ${row.failure ?? ''}` : 'incomplete');
  if (row.client.clientBound) out.push('client-bound');
  if (row.rateShortfall) out.push('rate < 99% of target');
  if (row.fairness.starved > 0) out.push(`${row.fairness.starved} starved`);
  return out;
}

export function formatTable(rows: readonly ResultRow[]): string {
  // Rows of the abandoned scenario measure no throughput or latency: their figures get their own columns.
  if (rows.length > 0 && rows.every((row) => row.abandoned)) return formatAbandonedTable(rows, marks);
  const table = new Table({
    head: ['model', 'conns', 'msgs/s (±95%)', 'MB/s', 'p50', 'p99', 'p99.9', 'max', 'errors', 'srv CPU', 'peak RSS', 'procs/thr', 'marks'],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    const { median, ci95 } = row.msgsPerSec;
    const spread = median > 0 && row.repeats > 1 ? ` ±${num((100 * (ci95[1] - ci95[0])) / 2 / median, 0)}%` : '';
    const errors = Object.entries(row.errors).filter(([, n]) => n > 0);
    table.push([
      row.model,
      row.connections + (row.idleConnections > 0 ? `+${row.idleConnections} idle` : ''),
      `${num(median)}${spread}`,
      mb(row.bytesPerSec.median),
      ms(row.latencyUs.p50),
      ms(row.latencyUs.p99),
      ms(row.latencyUs.p999),
      ms(row.latencyUs.max),
      errors.length ? errors.map(([k, n]) => `${k} ${n}`).join(', ') : '0',
      `${num(row.server.cpuPercent)}%`,
      `${num(row.server.peakRssBytes / 2 ** 20)} MiB`,
      `${row.server.maxProcesses}/${row.server.maxThreads}`,
      marks(row).join('; '),
    ]);
  }
  return table.toString();
}
