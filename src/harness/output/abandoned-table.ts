/** The abandoned scenario's table: what departed clients cost each model, instead of throughput and latency. */
import Table from 'cli-table3';
import { count, latency, mebibytes } from '../../results/format.js';
import type { ResultRow } from '../../results/schema.js';

/** A figure, or what stands in for it: '—' where it was not measured (never a 0). */
const orDash = <T>(value: T | null | undefined, show: (value: T) => string) => (value === null || value === undefined ? '—' : show(value));

export function formatAbandonedTable(rows: readonly ResultRow[], marks: (row: ResultRow) => string[]): string {
  const table = new Table({
    head: ['model', 'busy', 'departed', 'first echo', 'srv CPU meanwhile', 'dropped by server', 'errors', 'memory (PSS)', 'procs/thr', 'marks'],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    const a = row.abandoned!;
    const errors = Object.entries(row.errors).filter(([, n]) => n > 0);
    table.push([
      row.model,
      row.connections,
      `${count(a.departed)}/${count(a.clients)}`,
      orDash(a.firstEchoMs, (ms) => latency(ms * 1000)),
      orDash(a.serverCpuSec, (s) => latency(s * 1e6)),
      orDash(a.serverAbandoned, count),
      errors.length ? errors.map(([kind, n]) => `${kind} ${count(n)}`).join(', ') : '0',
      mebibytes(row.server.peakPssBytes),
      `${row.server.maxProcesses}/${row.server.maxThreads}`,
      marks(row).join('; '),
    ]);
  }
  return table.toString();
}
