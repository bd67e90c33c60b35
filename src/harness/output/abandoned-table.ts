/** The abandoned scenario's table: what departed clients cost each model, instead of throughput and latency. */
import Table from 'cli-table3';
import type { ResultRow } from '../../results/schema.js';

const num = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A figure, or what stands in for it: '—' where it was not measured (never a 0). */
const orDash = <T>(value: T | null | undefined, show: (value: T) => string) => (value === null || value === undefined ? '—' : show(value));

export function formatAbandonedTable(rows: readonly ResultRow[], marks: (row: ResultRow) => string[]): string {
  const table = new Table({
    head: ['model', 'busy', 'departed', 'first echo', 'srv CPU meanwhile', 'dropped by server', 'errors', 'peak RSS', 'procs/thr', 'marks'],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    const a = row.abandoned!;
    const errors = Object.entries(row.errors).filter(([, n]) => n > 0);
    table.push([
      row.model,
      row.connections,
      `${num(a.departed)}/${num(a.clients)}`,
      orDash(a.firstEchoMs, (ms) => (ms >= 1000 ? `${num(ms / 1000, 2)} s` : `${num(ms, 1)} ms`)),
      orDash(a.serverCpuSec, (s) => `${num(s, 2)} s`),
      orDash(a.serverAbandoned, (n) => num(n)),
      errors.length ? errors.map(([k, n]) => `${k} ${n}`).join(', ') : '0',
      `${num(row.server.peakRssBytes / 2 ** 20)} MiB`,
      `${row.server.maxProcesses}/${row.server.maxThreads}`,
      marks(row).join('; '),
    ]);
  }
  return table.toString();
}
