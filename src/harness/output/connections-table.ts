/** The connections scenario's tables: each step's memory and what waited, then each series' cost per connection. */
import { fittedTable } from './fit-columns.js';
import { numberMarks } from './mark-notes.js';
import { count, latency, num, orAbsent } from '../../results/format.js';
import { memorySize } from '../../results/memory-size.js';
import { rowMarks } from '../../results/row-status.js';
import type { ResultRow } from '../../results/schema.js';
import { seriesCosts, seriesLabel } from '../../results/connection-cost.js';

/** A projected step says so and why; the other marks are the usual ones. */
function marks(row: ResultRow): string[] {
  const step = row.connectionsStep!;
  return step.projected ? [`projected, not run: ${step.projectedReason}`] : rowMarks(row);
}

/** The cap a series ran with: "raised 101", "default 64", or a dash for a model without one. */
function capCell(step: NonNullable<ResultRow['connectionsStep']>): string {
  return step.cap === null ? '—' : `${step.series} ${step.cap}`;
}

function stepTable(rows: readonly ResultRow[]): string {
  const head = ['model', 'cap', 'conns', 'served', 'queued', 'memory (PSS)', 'per conn', 'procs/thr', 'new conn echo', 'TCP (machine)', 'notes'];
  const lines = rows.map((row) => {
    const s = row.connectionsStep!;
    return [
      row.model,
      capCell(s),
      count(row.connections),
      orAbsent(s.served, count),
      orAbsent(s.queued, count),
      // A projected step's memory is what it would need: marked "≈", its note says it was not run.
      s.projected && s.projectedPssBytes !== null ? `≈ ${memorySize(s.projectedPssBytes)}` : memorySize(s.pssBytes),
      memorySize(s.bytesPerConnection),
      s.processes === null ? '—' : `${s.processes}/${s.threads}`,
      orAbsent(s.firstEchoMs, (ms) => latency(ms * 1000)),
      memorySize(s.kernelTcpBytes),
    ];
  });
  const notes = numberMarks(rows.map(marks));
  // Headers of several words wrap too: their figures are narrower than them.
  const table = fittedTable(head, lines.map((line, i) => [...line, notes.cells[i]!]), ['notes', 'cap', 'new conn echo', 'TCP (machine)', 'memory (PSS)']);
  return notes.legend ? `${table}\n${notes.legend}` : table;
}

function costTable(rows: readonly ResultRow[], memoryBytes: number): string {
  const head = ['series', 'cost per connection', 'from', 'idle server', 'whole memory holds'];
  const lines = seriesCosts(rows, memoryBytes).map((cost) => [
    seriesLabel(cost),
    memorySize(cost.bytesPerConnection),
    cost.top ? `${count(cost.top.connections)} conns` : '—',
    memorySize(cost.baselinePssBytes),
    cost.series === 'default' ? `(cap: ${count(cost.top?.connectionsStep?.queued ?? 0)} queued)` : orAbsent(cost.wallConnections, (n) => `about ${num(n)} conns`),
  ]);
  return fittedTable(head, lines, ['series']);
}

export function formatConnectionsTable(rows: readonly ResultRow[], memoryBytes: number): string {
  const held = rows.filter((row) => row.connectionsStep);
  return `${stepTable(held)}\ncost per connection (memory (PSS) added over the idle server, per open connection):\n${costTable(held, memoryBytes)}`;
}
