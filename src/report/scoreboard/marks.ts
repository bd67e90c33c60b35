/**
 * Why a scoreboard cell is not a plain measurement: the row's status (results/row-status.ts) and what
 * only a headline shows (starved connections, a search's lower bound, steps projected). One symbol
 * and one meaning per kind, said once under the board for all the cells that carry it.
 */
import type { ResultRow } from '../../results/schema.js';
import { ACHIEVED_SHARE_TEXT } from '../../results/held-rate.js';
import { rowReasons, type StatusLabel } from '../../results/row-status.js';

export type MarkKind = Exclude<StatusLabel, 'measured'> | 'starved' | 'lower bound' | 'projected';

export interface MarkKindInfo {
  symbol: string;
  meaning: string;
}

/** In the order the notes list them: worst first. */
export const MARK_KINDS: Record<MarkKind, MarkKindInfo> = {
  failed: { symbol: '✕', meaning: 'the server failed here, so there is no figure' },
  incomplete: { symbol: '…', meaning: 'cut short: no figure' },
  'nothing completed': { symbol: '∅', meaning: 'nothing was answered in the measured windows' },
  'above CPU limit': { symbol: '!', meaning: 'faster than its work per message allows on the CPUs its work can use (the work cost less than calibrated): not ranked' },
  'client-bound': { symbol: '▲', meaning: 'the load generator was saturated: throughput is a lower bound, open-loop latency includes its lateness: not ranked' },
  'rate shortfall': { symbol: '◆', meaning: `achieved under ${ACHIEVED_SHARE_TEXT} of the offered rate: not ranked` },
  starved: { symbol: '○', meaning: 'some connections got no answer at all, so the figure is not of the whole load: not ranked' },
  'lower bound': { symbol: '≥', meaning: 'no step failed, or the generator fell behind at the failing one: the server may sustain more: not ranked' },
  projected: { symbol: '↗', meaning: 'larger steps were projected, not run (memory, open files or time budget): the figure is the largest step run' },
};

const KIND_ORDER = Object.keys(MARK_KINDS) as MarkKind[];

/** The marks of a headline row; `serverRows` are all of that server's rows in the scenario (a projected step is another row). */
export function cellMarks(row: ResultRow, serverRows: readonly ResultRow[]): MarkKind[] {
  const kinds = new Set<MarkKind>(rowReasons(row));
  const echoes = !row.abandoned && !row.connectionsStep;
  if (echoes && row.fairness.starved > 0) kinds.add('starved');
  // Held connections that waited in a queue cost the server almost nothing: the cheapest per connection would be the one that served none.
  if ((row.connectionsStep?.queued ?? 0) > 0) kinds.add('starved');
  // A bound needs a rate sustained: "≥ —" says nothing.
  if (row.rateSearch?.result?.lowerBound && row.rateSearch.result.sustainedRate !== null) kinds.add('lower bound');
  if (row.connectionsStep && serverRows.some((other) => other.connectionsStep?.projected && other.connections > row.connections)) kinds.add('projected');
  return KIND_ORDER.filter((kind) => kinds.has(kind));
}

/**
 * Cells that are not a measurement of the server under the whole load are not ranked: failed or empty
 * ones, an impossible one, one whose connections were starved (its latency is that of the one
 * connection served: it would look the best), one short of its offered rate, and a lower bound (the
 * generator's ceiling or the search's, not the server's: ranked, every such cell tied for the best).
 */
export const UNRANKED: ReadonlySet<MarkKind> = new Set(['failed', 'incomplete', 'nothing completed', 'above CPU limit', 'starved', 'rate shortfall', 'client-bound', 'lower bound']);

export function markOrder(kinds: Iterable<MarkKind>): MarkKind[] {
  const present = new Set(kinds);
  return KIND_ORDER.filter((kind) => present.has(kind));
}
