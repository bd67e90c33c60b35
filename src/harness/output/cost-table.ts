/**
 * The cost of one message (under churn, of one connection) per row, from its anatomy: server CPU, the
 * time its threads waited for a CPU, context switches and system calls, where the server's CPU went,
 * and the generator's own CPU and switches: why a row costs what it costs, and why one is client-bound.
 */
import { fittedTable } from './fit-columns.js';
import { ABSENT, num, orAbsent } from '../../results/format.js';
import { costUnit, endedThreads, perUnit, type CostSide } from '../../results/message-cost.js';
import type { ResultRow } from '../../results/schema.js';
import { serverLabel } from '../../results/server-label.js';

const pair = (a: number | null, b: number | null) => (a === null && b === null ? ABSENT : `${orAbsent(a, num)} / ${orAbsent(b, num)}`);

/** The role that spent most of the server's CPU, with its share: "connection threads 97 %". */
function heaviestRole(row: ResultRow): string {
  const server = row.anatomy?.server;
  const top = server?.roles[0];
  if (!server || !top || server.cpuUs <= 0) return ABSENT;
  return `${top.role} ${num((100 * top.cpuUs) / server.cpuUs)} %`;
}

/** A side's figure, "≥ " where threads ended between the reads (what they spent is not counted). */
function atLeast(row: ResultRow, side: CostSide, text: string): string {
  return endedThreads(row, side) > 0 && text !== ABSENT ? `≥ ${text}` : text;
}

export function formatCostTable(rows: readonly ResultRow[]): string | null {
  const read = rows.filter((row) => row.anatomy && (row.anatomy.server || row.anatomy.generator));
  if (read.length === 0) return null;
  const unit = costUnit(read[0]!);
  const head = ['model', 'conns', 'CPU µs', 'run-queue µs', 'switches vol / invol', 'syscalls read / write', 'most CPU in', 'generator CPU µs', 'its switches'];
  const lines = read.map((row) => {
    const server = perUnit(row, 'server');
    const generator = perUnit(row, 'generator');
    return [
      serverLabel(row),
      String(row.connections),
      atLeast(row, 'server', orAbsent(server?.cpuUs, num)),
      atLeast(row, 'server', orAbsent(server?.runDelayUs, num)),
      atLeast(row, 'server', pair(server?.voluntarySwitches ?? null, server?.involuntarySwitches ?? null)),
      atLeast(row, 'server', pair(server?.readCalls ?? null, server?.writeCalls ?? null)),
      heaviestRole(row),
      atLeast(row, 'generator', orAbsent(generator?.cpuUs, num)),
      atLeast(row, 'generator', pair(generator?.voluntarySwitches ?? null, generator?.involuntarySwitches ?? null)),
    ];
  });
  const ended = read.some((row) => endedThreads(row, 'server') > 0 || endedThreads(row, 'generator') > 0);
  const title = `cost of one ${unit} in the server, and in the generator (kernel counters of every thread over the measured windows${ended ? '; ≥: threads ended meanwhile, what they spent is not counted' : ''})`;
  return `${title}\n${fittedTable(head, lines, ['most CPU in', 'model'])}`;
}
