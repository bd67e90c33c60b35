/** Small facts read off a scenario's rows, shared by the per-scenario narratives. */
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { clientBoundMeaning } from '../../results/row-status.js';
import { num, times } from '../../results/format.js';
import { usable } from '../rows.js';

/** Rows at one connection count, the trustworthy ones first by a figure (highest first). */
export function ranked(rows: readonly ResultRow[], figure: (row: ResultRow) => number): ResultRow[] {
  return usable(rows)
    .filter((row) => Number.isFinite(figure(row)))
    .sort((a, b) => figure(b) - figure(a));
}

/** The model's row as it starts by default (not a variant's), if it measured. */
export function find(rows: readonly ResultRow[], model: string): ResultRow | undefined {
  return rows.find((row) => row.model === model && !row.serveFlags && row.status === 'ok');
}

/** "event-loop led with 69,000 msgs/s, 1.3× the next (fork, 53,800 msgs/s) and 3.5× the slowest (sequential, 20,000)". */
export function leadSentence(rows: readonly ResultRow[], figure: (row: ResultRow) => number, unit: string, where: string): string | null {
  const order = ranked(rows, figure);
  if (order.length === 0) return null;
  const [first, second] = order;
  const last = order.at(-1)!;
  // One server (an external target) leads nobody: its figure is all there is to say.
  if (order.length === 1) return `${where}${serverName(first!)} reached ${num(figure(first!))} ${unit}.`;
  // Below 5 % the order is within this machine's run-to-run noise: say so instead of a ratio like 1.01×.
  let sentence = `${where}${serverName(first!)} led with ${num(figure(first!))} ${unit}`;
  if (second && figure(second) > 0) {
    const ratio = figure(first!) / figure(second);
    sentence += `, ${ratio < 1.05 ? 'within 5 % of' : `${times(ratio)}`} the next (${serverName(second)}, ${num(figure(second))})`;
  }
  if (last !== second && last !== first && figure(last) > 0) {
    sentence += ` and ${times(figure(first!) / figure(last))} the slowest (${serverName(last)}, ${num(figure(last))})`;
  }
  return `${sentence}.`;
}

/** Failed, empty and client-bound rows, said plainly so no reader trusts them by accident. */
export function exceptionsSentence(rows: readonly ResultRow[]): string | null {
  const parts: string[] = [];
  for (const row of rows) {
    const cores = rows.some((other) => other.serverCores !== row.serverCores) ? ` on ${row.serverCores ?? 'unpinned'} core(s)` : '';
    const at = (rows.some((other) => other.connections !== row.connections) ? ` at c=${row.connections}` : '') + cores;
    if (row.status === 'failed') parts.push(`${serverName(row)}${at} failed (${row.failure ?? 'no reason recorded'})`);
    else if (row.status === 'incomplete') parts.push(`${serverName(row)}${at} was cut short`);
    else if (row.status === 'empty') parts.push(`${serverName(row)}${at} completed nothing (${row.emptyReason ?? 'no reason recorded'})`);
    else if (row.client.clientBound) parts.push(`${serverName(row)}${at} was client-bound: ${clientBoundMeaning(row)}`);
  }
  return parts.length === 0 ? null : `Note: ${parts.join('; ')}.`;
}

export const msgsPerSec = (row: ResultRow): number => row.msgsPerSec.median;

/** Who a sentence about all these rows is about: "every model", or the one server when there is one (an external target). */
export function everyServer(rows: readonly ResultRow[]): string {
  return rows.length === 1 ? serverName(rows[0]!) : 'every model';
}
