/** Small facts read off a scenario's rows, shared by the per-scenario narratives. */
import type { Estimate, ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { CLIENT_BOUND_MEANS, sendLagText } from '../../results/row-status.js';
import { andList, num, times } from '../../results/format.js';
import { usable } from '../rows.js';
import { estimateAbove } from '../intervals.js';

export const msgsPerSec = (row: ResultRow): number => row.msgsPerSec.median;

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

/** A closed-loop row the generator could not keep up with: its throughput is the generator's, a lower bound on the server's. */
function atCeiling(row: ResultRow): boolean {
  return row.client.clientBound && row.targetRate === undefined;
}

/** Below this ratio the order is within this machine's run-to-run noise, whatever the intervals say. */
const NOISE_RATIO = 1.05;

/**
 * "event-loop led with 69,000 msgs/s, 1.3× the next (fork, 53,800 msgs/s) and 3.5× the slowest (sequential, 20,000)".
 * A leader the generator held back leads nobody: the client-bound rows at the top tie at its ceiling.
 * With `estimate` (the figure's repeats), a leader not measurably above the next (intervals.ts) is within noise of it.
 */
export function leadSentence(
  rows: readonly ResultRow[],
  figure: (row: ResultRow) => number,
  unit: string,
  where: string,
  estimate: ((row: ResultRow) => Estimate) | undefined = figure === msgsPerSec ? (row) => row.msgsPerSec : undefined,
): string | null {
  const order = ranked(rows, figure);
  if (order.length === 0) return null;
  // One server (an external target) leads nobody: its figure is all there is to say.
  if (order.length === 1) return `${where}${serverName(order[0]!)} reached ${num(figure(order[0]!))} ${unit}.`;
  if (atCeiling(order[0]!)) return ceilingSentence(order, figure, unit, where);
  const [first, second] = order as [ResultRow, ResultRow];
  const last = order.at(-1)!;
  let sentence = `${where}${serverName(first)} led with ${num(figure(first))} ${unit}`;
  if (figure(second) > 0) {
    const ratio = figure(first) / figure(second);
    const apart = ratio >= NOISE_RATIO && (!estimate || estimateAbove(estimate(first), estimate(second)));
    sentence += apart
      ? `, ${times(ratio)} the next (${serverName(second)}, ${num(figure(second))})`
      : `, within noise of the next (${serverName(second)}, ${num(figure(second))}${ratio >= NOISE_RATIO ? `; ${whyNotApart(estimate?.(first), estimate?.(second))}` : ''})`;
  }
  if (last !== second && figure(last) > 0) {
    sentence += ` and ${times(figure(first) / figure(last))} the slowest (${serverName(last)}, ${num(figure(last))})`;
  }
  return `${sentence}.`;
}

/** Why two figures a ratio apart are not called apart: their repeats overlap, or one was measured once. */
function whyNotApart(a: Estimate | undefined, b: Estimate | undefined): string {
  return a && b && a.runs.length > 1 && b.runs.length > 1 ? 'the ranges of their repeats overlap' : 'measured once, so no range of repeats tells them apart';
}

/** The client-bound rows at the top: a tie at the generator's ceiling, then the fastest row the generator kept up with. */
function ceilingSentence(order: readonly ResultRow[], figure: (row: ResultRow) => number, unit: string, where: string): string {
  const tied = order.filter(atCeiling);
  const named = tied.map((row) => `${serverName(row)} ${num(figure(row))}`);
  let sentence = `${where}${andList(named)} ${unit} ${tied.length > 1 ? 'were' : 'was'} client-bound: a tie at the generator’s ceiling (lower bounds; the servers may be faster)`;
  const free = order.find((row) => !atCeiling(row));
  if (free) sentence += `; the fastest the generator kept up with was ${serverName(free)}, ${num(figure(free))}`;
  return `${sentence}.`;
}

/**
 * Failed, empty and client-bound rows, said plainly so no reader trusts them by accident. Client-bound
 * rows are said once per meaning, grouped by server ("event-loop at c=16 and c=64"), not once a row.
 */
export function exceptionsSentence(rows: readonly ResultRow[]): string | null {
  const parts: string[] = [];
  const bound = new Map<string, Map<string, string[]>>();
  const where = (row: ResultRow) => {
    const cores = rows.some((other) => other.serverCores !== row.serverCores) ? ` on ${row.serverCores ?? 'unpinned'} core(s)` : '';
    return (rows.some((other) => other.connections !== row.connections) ? `c=${row.connections}` : '') + cores;
  };
  for (const row of rows) {
    const at = where(row) ? ` at ${where(row).trim()}` : '';
    if (row.status === 'failed') parts.push(`${serverName(row)}${at} failed (${row.failure ?? 'no reason recorded'})`);
    else if (row.status === 'incomplete') parts.push(`${serverName(row)}${at} was cut short`);
    else if (row.status === 'empty') parts.push(`${serverName(row)}${at} completed nothing (${row.emptyReason ?? 'no reason recorded'})`);
    else if (row.client.clientBound) {
      // An open-loop row's lateness is its own figure: it stays beside its point.
      const lag = sendLagText(row);
      const meaning = lag ? CLIENT_BOUND_MEANS.open : CLIENT_BOUND_MEANS.closed;
      const servers = bound.get(meaning) ?? new Map<string, string[]>();
      const points = servers.get(serverName(row)) ?? [];
      points.push([where(row).trim(), lag].filter(Boolean).join(', '));
      servers.set(serverName(row), points);
      bound.set(meaning, servers);
    }
  }
  for (const [meaning, servers] of bound) {
    const named = [...servers].map(([server, points]) => {
      const shown = points.filter(Boolean);
      return shown.length === 0 ? server : `${server} (${andList(shown)})`;
    });
    parts.push(`client-bound, so ${meaning}: ${andList(named)}`);
  }
  return parts.length === 0 ? null : `Note: ${parts.join('; ')}.`;
}

/** Who a sentence about all these rows is about: "every model", or the one server when there is one (an external target). */
export function everyServer(rows: readonly ResultRow[]): string {
  return rows.length === 1 ? serverName(rows[0]!) : 'every model';
}
