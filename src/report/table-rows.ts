/** The per-scenario table of the report page: one row per model and point, every figure with its unit. */
import type { ErrorKind, ResultRow } from '../results/schema.js';
import { departureKind, owedEchoesText } from '../results/departure-text.js';
import { serverCpuUsPerMessage } from '../results/cpu-limit.js';
import { ABSENT, count, latency, mebibytes, megabytesPerSec, num, orAbsent, serverCpu, withRange } from '../results/format.js';
import { latencyFigures } from '../results/latency-figure.js';
import { rowMarks } from '../results/row-status.js';
import { serverLabel } from '../results/server-label.js';
import { measuresThroughput } from '../results/throughput.js';

export interface Column {
  header: string;
  /** Shown as the header's tooltip: what the column means. */
  help: string;
  cell(row: ResultRow): string;
  /** Only for scenarios where it means something. */
  when?(rows: readonly ResultRow[]): boolean;
}

function errorsCell(errors: Record<ErrorKind, number>): string {
  const kinds = Object.entries(errors).filter(([, count]) => count > 0);
  const total = kinds.reduce((sum, [, n]) => sum + n, 0);
  return total === 0 ? '0' : `${count(total)} (${kinds.map(([kind, n]) => `${kind} ${count(n)}`).join(', ')})`;
}

const multipleCores = (rows: readonly ResultRow[]) => new Set(rows.map((row) => row.serverCores ?? null)).size > 1;
const multipleConnections = (rows: readonly ResultRow[]) => new Set(rows.map((row) => row.connections)).size > 1;
const mode = (wanted: ResultRow['mode']) => (rows: readonly ResultRow[]) => rows.some((row) => row.mode === wanted);
/** Rows that echo messages for a measured interval (the abandoned scenario's rows time one client instead). */
const echoes = (rows: readonly ResultRow[]) => rows.some((row) => !row.abandoned);
const abandonment = (rows: readonly ResultRow[]) => rows.some((row) => row.abandoned);
/** A figure of the abandoned scenario, or a dash where it was not measured (never a 0). */
const abandonedCell = <T>(row: ResultRow, value: (a: NonNullable<ResultRow['abandoned']>) => T | null, show: (value: T) => string) => {
  const figure = row.abandoned ? value(row.abandoned) : null;
  return figure === null ? '—' : show(figure);
};

const COLUMNS: Column[] = [
  { header: 'Model', help: 'Server concurrency model (external: a server the harness did not start, at its address)', cell: serverLabel },
  { header: 'Cores', help: 'CPUs the server was pinned to (a core sweep’s k)', cell: (row) => orAbsent(row.serverCores ?? null, String), when: multipleCores },
  { header: 'Conns', help: 'Concurrent connections', cell: (row) => String(row.connections), when: multipleConnections },
  {
    header: 'departed',
    help: 'Clients that connected and left, of those asked to, while the busy connections held the server',
    cell: (row) => abandonedCell(row, (a) => a.departed, (n) => `${count(n)} / ${count(row.abandoned!.clients)}`),
    when: abandonment,
  },
  {
    header: 'left after',
    help: 'How the departing clients left: a FIN with nothing sent (nothing owed), or bytes and then a half-close (their echo still owed)',
    cell: (row) => abandonedCell(row, (a) => a, departureKind),
    when: abandonment,
  },
  {
    header: 'first echo',
    help: 'Time from the new client’s connect to its first echo, after the busy connections closed',
    cell: (row) => abandonedCell(row, (a) => a.firstEchoMs, (ms) => latency(ms * 1000)),
    when: abandonment,
  },
  {
    header: 'CPU meanwhile',
    help: 'CPU seconds of the server’s processes from the first departure until that echo (or the deadline)',
    cell: (row) => abandonedCell(row, (a) => a.serverCpuSec, (s) => latency(s * 1e6)),
    when: abandonment,
  },
  {
    header: 'dropped',
    help: 'Departed clients the server says it dropped from its queue unserved (— : the model does not count them)',
    cell: (row) => abandonedCell(row, (a) => a.serverAbandoned, count),
    when: abandonment,
  },
  {
    header: 'owed echoes',
    help: 'Departing clients that half-closed after sending: how many got their echo before the server closed them, were closed unechoed, or still waited at the deadline (— : nothing was owed)',
    cell: (row) => abandonedCell(row, owedEchoesText, (text) => text),
    when: abandonment,
  },
  {
    header: 'msgs/s [range]',
    help: 'Echoed messages per second: the median of the repeats, and in brackets the lowest and highest repeat',
    cell: (row) => (measuresThroughput(row) ? withRange(row.msgsPerSec) : ABSENT),
    when: echoes,
  },
  // Closed loop only: an open loop's bytes follow from its offered rate, and churn echoes one small message per connection.
  {
    header: 'MB/s',
    help: 'Echoed bytes per second (10^6 bytes)',
    cell: (row) => (measuresThroughput(row) ? megabytesPerSec(row.bytesPerSec.median).replace(' MB/s', '') : ABSENT),
    when: mode('closed'),
  },
  {
    header: 'conn/s',
    help: 'Complete connections (connect, one echo, close) per second',
    cell: (row) => (row.connectionsPerSec ? withRange(row.connectionsPerSec) : ''),
    when: mode('churn'),
  },
  { header: 'connect p50', help: 'Median TCP connect time', cell: (row) => (row.connectLatencyUs ? latency(row.connectLatencyUs.p50) : ''), when: mode('churn') },
  {
    header: 'achieved / target',
    help: 'Open loop: achieved rate against the offered rate (msgs/s)',
    cell: (row) => (row.targetRate ? `${num((row.achievedRate ?? row.msgsPerSec).median)} / ${num(row.targetRate)}` : ''),
    when: mode('open'),
  },
  {
    // One cell for the four figures, so a row's starved count stands once beside all of them and the table fits the page.
    header: 'latency p50 / p99 / p99.9 / max',
    help: 'Latency of the answers received: median, 99th and 99.9th percentiles, highest (— : nothing was answered)',
    cell: (row) => latencyFigures(row, [row.latencyUs.p50, row.latencyUs.p99, row.latencyUs.p999, row.latencyUs.max]),
    when: echoes,
  },
  {
    header: 'p99 uncorrected',
    help: 'Open loop: p99 from the actual send time, without the coordinated-omission correction',
    cell: (row) => (row.latencyUncorrectedUs ? latencyFigures(row, [row.latencyUncorrectedUs.p99]) : ''),
    when: mode('open'),
  },
  { header: 'errors', help: 'Mismatched or short echoes, resets, refusals, timeouts', cell: (row) => errorsCell(row.errors) },
  {
    header: 'starved',
    help: "Connections that got no echo at all, and Jain's fairness index (1 = even)",
    cell: (row) => `${row.fairness.starved} / ${row.connections} (J ${measuresThroughput(row) ? num(row.fairness.jain) : ABSENT})`,
    when: echoes,
  },
  // Not for the abandoned scenario: its CPU meanwhile is the figure, read more exactly across child exits (harness/proc/proc.ts).
  { header: 'server CPU', help: 'Mean CPU of the server process tree; 100 % = one core (— : not measured)', cell: (row) => serverCpu(row.server), when: echoes },
  {
    header: 'CPU µs/msg',
    help: 'Server CPU per echoed message (from /proc); at least the scenario’s work per message if the work is right',
    cell: (row) => orAbsent(serverCpuUsPerMessage(row), num),
    when: (rows) => rows.some((row) => row.workUsPerMessage > 0),
  },
  {
    header: 'memory (PSS)',
    help: 'Peak proportional set size summed over the server processes: a page they share is split among them, so it counts once (— : not measured)',
    cell: (row) => mebibytes(row.server?.peakPssBytes ?? null),
  },
  {
    header: 'procs / threads',
    help: 'Most server processes and threads seen at once (— : not measured)',
    cell: (row) => orAbsent(row.server, (server) => `${server.maxProcesses} / ${server.maxThreads}`),
  },
  { header: 'marks', help: 'Why a row may not be taken at face value', cell: (row) => rowMarks(row).join('; ') },
];

export function columnsFor(rows: readonly ResultRow[]): Column[] {
  return COLUMNS.filter((column) => !column.when || column.when(rows));
}
