/** The per-scenario table of the report page: one row per model and point, every figure with its unit. */
import type { ErrorKind, ResultRow } from '../harness/results-schema.js';
import { cpuUsPerMessage } from './cpu-budget.js';
import { latency, mebibytes, megabytesPerSec, num, percent } from './format.js';

export interface Column {
  header: string;
  /** Shown as the header's tooltip: what the column means. */
  help: string;
  cell(row: ResultRow): string;
  /** Only for scenarios where it means something. */
  when?(rows: readonly ResultRow[]): boolean;
}

function withInterval(value: number, ci: [number, number], runs: number): string {
  if (runs < 2) return num(value);
  return `${num(value)} [${num(ci[0])}–${num(ci[1])}]`;
}

function errorsCell(errors: Record<ErrorKind, number>): string {
  const kinds = Object.entries(errors).filter(([, count]) => count > 0);
  const total = kinds.reduce((sum, [, count]) => sum + count, 0);
  return total === 0 ? '0' : `${num(total)} (${kinds.map(([kind, count]) => `${kind} ${num(count)}`).join(', ')})`;
}

/** What a reader must know before trusting the row. */
export function marks(row: ResultRow): string {
  const out: string[] = [];
  if (row.status === 'failed') out.push(`FAILED: ${row.failure ?? 'no reason recorded'}`);
  if (row.status === 'incomplete') out.push('incomplete');
  if (row.client.clientBound) out.push('client-bound: throughput is a lower bound');
  if (row.rateShortfall) out.push('rate shortfall: offered rate not reached');
  return out.join('; ');
}

const multipleConnections = (rows: readonly ResultRow[]) => new Set(rows.map((row) => row.connections)).size > 1;
const mode = (wanted: ResultRow['mode']) => (rows: readonly ResultRow[]) => rows.some((row) => row.mode === wanted);

export const COLUMNS: Column[] = [
  { header: 'Model', help: 'Server concurrency model', cell: (row) => row.model },
  { header: 'Conns', help: 'Concurrent connections', cell: (row) => String(row.connections), when: multipleConnections },
  {
    header: 'msgs/s [95 % CI]',
    help: 'Echoed messages per second: median of the repeats, and the 95 % confidence interval of the mean',
    cell: (row) => withInterval(row.msgsPerSec.median, row.msgsPerSec.ci95, row.msgsPerSec.runs.length),
  },
  { header: 'MB/s', help: 'Echoed bytes per second (10^6 bytes)', cell: (row) => megabytesPerSec(row.bytesPerSec.median).replace(' MB/s', '') },
  {
    header: 'conn/s',
    help: 'Complete connections (connect, one echo, close) per second',
    cell: (row) => (row.connectionsPerSec ? withInterval(row.connectionsPerSec.median, row.connectionsPerSec.ci95, row.connectionsPerSec.runs.length) : ''),
    when: mode('churn'),
  },
  { header: 'connect p50', help: 'Median TCP connect time', cell: (row) => (row.connectLatencyUs ? latency(row.connectLatencyUs.p50) : ''), when: mode('churn') },
  {
    header: 'achieved / target',
    help: 'Open loop: achieved rate against the offered rate (msgs/s)',
    cell: (row) => (row.targetRate ? `${num((row.achievedRate ?? row.msgsPerSec).median)} / ${num(row.targetRate)}` : ''),
    when: mode('open'),
  },
  { header: 'p50', help: 'Median latency', cell: (row) => latency(row.latencyUs.p50) },
  { header: 'p99', help: '99th percentile latency', cell: (row) => latency(row.latencyUs.p99) },
  { header: 'p99.9', help: '99.9th percentile latency', cell: (row) => latency(row.latencyUs.p999) },
  { header: 'max', help: 'Highest latency seen', cell: (row) => latency(row.latencyUs.max) },
  {
    header: 'p99 uncorrected',
    help: 'Open loop: p99 from the actual send time, without the coordinated-omission correction',
    cell: (row) => (row.latencyUncorrectedUs ? latency(row.latencyUncorrectedUs.p99) : ''),
    when: mode('open'),
  },
  { header: 'errors', help: 'Mismatched or short echoes, resets, refusals, timeouts', cell: (row) => errorsCell(row.errors) },
  {
    header: 'starved',
    help: "Connections that got no echo at all, and Jain's fairness index (1 = even)",
    cell: (row) => `${row.fairness.starved} / ${row.connections} (J ${num(row.fairness.jain)})`,
  },
  { header: 'server CPU', help: 'Mean CPU of the server process tree; 100 % = one core', cell: (row) => percent(row.server.cpuPercent) },
  {
    header: 'CPU µs/msg',
    help: 'Server CPU per echoed message (from /proc); at least the scenario’s work per message if the work is right',
    cell: (row) => num(cpuUsPerMessage(row)),
    when: (rows) => rows.some((row) => row.workUsPerMessage > 0),
  },
  { header: 'peak RSS', help: 'Peak resident memory summed over the server processes', cell: (row) => mebibytes(row.server.peakRssBytes) },
  { header: 'procs / threads', help: 'Most server processes and threads seen at once', cell: (row) => `${row.server.maxProcesses} / ${row.server.maxThreads}` },
  { header: 'marks', help: 'Why a row may not be taken at face value', cell: marks },
];

export function columnsFor(rows: readonly ResultRow[]): Column[] {
  return COLUMNS.filter((column) => !column.when || column.when(rows));
}
