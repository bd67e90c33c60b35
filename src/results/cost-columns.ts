/**
 * The "cost of one message" table's columns, for the terminal and the report alike: per message
 * answered (under churn, per connection completed), from the row's anatomy.
 */
import { ABSENT, num, orAbsent } from './format.js';
import { costUnit, endedThreads, perUnit, type CostSide } from './message-cost.js';
import type { ResultRow } from './schema.js';
import { serverLabel } from './server-label.js';

export interface CostColumn {
  header: string;
  help: string;
  cell(row: ResultRow): string;
}

const pair = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === null && (b ?? null) === null ? ABSENT : `${orAbsent(a, num)} / ${orAbsent(b, num)}`;

/** A side's figure, "≥ " where threads ended between the reads (what they spent is not counted). */
function atLeast(row: ResultRow, side: CostSide, text: string): string {
  return endedThreads(row, side) > 0 && text !== ABSENT ? `≥ ${text}` : text;
}

/** The role that spent most of the server's CPU, with its share: "connection threads 97 %". */
function heaviestRole(row: ResultRow): string {
  const server = row.anatomy?.server;
  const top = server?.roles[0];
  if (!server || !top || server.cpuUs <= 0) return ABSENT;
  return `${top.role} ${num((100 * top.cpuUs) / server.cpuUs)} %`;
}

export const COST_COLUMNS: CostColumn[] = [
  { header: 'model', help: 'Server concurrency model', cell: serverLabel },
  { header: 'conns', help: 'Concurrent connections', cell: (row) => String(row.connections) },
  { header: 'CPU µs', help: 'Server CPU per unit, every thread and process (the scheduler’s own time)', cell: (row) => atLeast(row, 'server', orAbsent(perUnit(row, 'server')?.cpuUs, num)) },
  { header: 'run-queue µs', help: 'Time the server’s threads were runnable but waited for a CPU, per unit', cell: (row) => atLeast(row, 'server', orAbsent(perUnit(row, 'server')?.runDelayUs, num)) },
  {
    header: 'switches vol / invol',
    help: 'Context switches per unit: voluntary (a thread blocked, e.g. waiting in epoll) / involuntary (preempted)',
    cell: (row) => atLeast(row, 'server', pair(perUnit(row, 'server')?.voluntarySwitches, perUnit(row, 'server')?.involuntarySwitches)),
  },
  { header: 'syscalls read / write', help: 'read- and write-family system calls per unit (/proc io syscr, syscw)', cell: (row) => atLeast(row, 'server', pair(perUnit(row, 'server')?.readCalls, perUnit(row, 'server')?.writeCalls)) },
  { header: 'most CPU in', help: 'The part of the server that spent most of its CPU, with its share', cell: heaviestRole },
  { header: 'generator CPU µs', help: 'The load generator’s own CPU per unit: what the load costs its side', cell: (row) => atLeast(row, 'generator', orAbsent(perUnit(row, 'generator')?.cpuUs, num)) },
  {
    header: 'its switches',
    help: 'The generator’s context switches per unit, voluntary / involuntary',
    cell: (row) => atLeast(row, 'generator', pair(perUnit(row, 'generator')?.voluntarySwitches, perUnit(row, 'generator')?.involuntarySwitches)),
  },
];

/** The rows whose anatomy was read, and the title their table carries. */
export function costRows(rows: readonly ResultRow[]): { rows: ResultRow[]; title: string } | null {
  const read = rows.filter((row) => row.anatomy && (row.anatomy.server || row.anatomy.generator));
  if (read.length === 0) return null;
  const ended = read.some((row) => endedThreads(row, 'server') > 0 || endedThreads(row, 'generator') > 0);
  const title =
    `Cost of one ${costUnit(read[0]!)} in the server, and in the generator (kernel counters of every thread over the measured windows` +
    `${ended ? '; ≥: threads ended meanwhile, what they spent is not counted' : ''})`;
  return { rows: read, title };
}
