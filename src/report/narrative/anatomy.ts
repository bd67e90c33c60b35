/**
 * Why a row costs what it costs, from its anatomy (the kernel's counters over the measured windows):
 * the costliest and the cheapest model per unit side by side, with where the costlier one's CPU went.
 * Nothing here is asserted from a model's design: a figure not read is not cited.
 */
import { costUnit, endedThreads, perUnit } from '../../results/message-cost.js';
import { num } from '../../results/format.js';
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { usable } from '../rows.js';

/** "98.2 µs of CPU, 1,800 µs waiting for a CPU and 1.05 context switches (connection threads 90 %)". */
function costOf(row: ResultRow, withRole: boolean): string {
  const per = perUnit(row, 'server')!;
  const switches = (per.voluntarySwitches ?? 0) + (per.involuntarySwitches ?? 0);
  const atLeast = endedThreads(row, 'server') > 0 ? 'at least ' : '';
  const server = row.anatomy!.server!;
  const top = server.roles[0];
  const role = withRole && top && server.cpuUs > 0 && server.roles.length > 1 ? ` (${top.role} ${num((100 * top.cpuUs) / server.cpuUs)} %)` : '';
  return `${serverName(row)} ${atLeast}${num(per.cpuUs!)} µs of CPU, ${num(per.runDelayUs!)} µs waiting for a CPU and ${num(switches)} context switches${role}`;
}

/** The costliest and cheapest server per unit among `rows` (one point), or null when fewer than two were read. */
export function anatomySentence(rows: readonly ResultRow[], where: string): string | null {
  const read = usable(rows).filter((row) => perUnit(row, 'server')?.cpuUs != null);
  if (read.length < 2) return null;
  const order = [...read].sort((a, b) => perUnit(b, 'server')!.cpuUs! - perUnit(a, 'server')!.cpuUs!);
  const [costliest, cheapest] = [order[0]!, order.at(-1)!];
  return `The cost of one ${costUnit(costliest)} ${where}, from the kernel's counters: ${costOf(costliest, true)}; ${costOf(cheapest, false)}.`;
}
