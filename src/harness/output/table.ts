/** The per-scenario table, autocannon-style: one row per model (and point), with marks on rows to distrust. */
import { fittedTable } from './fit-columns.js';
import { count, mebibytes, megabytesPerSec, num, orAbsent, serverCpu, withRange } from '../../results/format.js';
import { serverCpuUsPerMessage } from '../../results/cpu-limit.js';
import { latencyFigures } from '../../results/latency-figure.js';
import { numberMarks } from './mark-notes.js';
import { rowMarks } from '../../results/row-status.js';
import type { ResultRow } from '../../results/schema.js';
import { serverLabel } from '../../results/server-label.js';

export function formatTable(rows: readonly ResultRow[]): string {
  // Churn is measured in completed connections per second, not messages.
  const churn = rows.length > 0 && rows.every((row) => row.mode === 'churn');
  // MB/s only where messages are bulk (its figure then matters); p99.9 is in results.json and the report.
  const bulk = rows.some((row) => row.messageSize >= 1024);
  // A core sweep's rows differ by the server's CPUs: say how many.
  const cores = new Set(rows.map((row) => row.serverCores ?? null)).size > 1;
  // Where the server burns work per message, the CPU it spent per message says whether it did that work.
  const work = rows.some((row) => row.workUsPerMessage > 0);
  const head = ['model', ...(cores ? ['cores'] : []), 'conns', churn ? 'conn/s [range]' : 'msgs/s [range]', ...(bulk ? ['MB/s'] : []), 'p50 / p99', 'errors', 'CPU', ...(work ? ['CPU µs/msg'] : []), 'PSS', 'procs/thr', 'notes'];
  const lines: string[][] = [];
  for (const row of rows) {
    const rate = churn ? row.connectionsPerSec! : row.msgsPerSec;
    const errors = Object.entries(row.errors).filter(([, n]) => n > 0);
    lines.push([
      serverLabel(row),
      ...(cores ? [orAbsent(row.serverCores ?? null, String)] : []),
      row.connections + (row.idleConnections > 0 ? `+${row.idleConnections} idle` : ''),
      withRange(rate),
      ...(bulk ? [megabytesPerSec(row.bytesPerSec.median)] : []),
      latencyFigures(row, [row.latencyUs.p50, row.latencyUs.p99]),
      errors.length ? errors.map(([kind, n]) => `${kind} ${count(n)}`).join(', ') : '0',
      serverCpu(row.server),
      ...(work ? [orAbsent(serverCpuUsPerMessage(row), num)] : []),
      mebibytes(row.server?.peakPssBytes ?? null),
      orAbsent(row.server, (server) => `${server.maxProcesses}/${server.maxThreads}`),
    ]);
  }
  const marks = numberMarks(rows.map((row) => rowMarks(row)));
  const table = fittedTable(head, lines.map((line, i) => [...line, marks.cells[i]!]), ['p50 / p99', 'errors']);
  return marks.legend ? `${table}\n${marks.legend}` : table;
}
