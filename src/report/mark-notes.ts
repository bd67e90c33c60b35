/**
 * A table's marks as numbered notes, one per kind of mark: a row shows only the numbers of its marks
 * (with its own words as a tooltip), so a marked row stays one line like the others, and the note under
 * the table says the kind once and names every row that carries it ("client-bound: event-loop c=16, c=64").
 */
import type { ResultRow } from '../results/schema.js';
import { rowMarks, rowReasons, type StatusLabel } from '../results/row-status.js';
import { serverLabel } from '../results/server-label.js';
import { escapeHtml as esc } from './html-escape.js';
import { MARK_KINDS } from './scoreboard/marks.js';

export interface MarkNotes {
  /** The row's marks as links to their notes, e.g. "[1] [2]"; empty for a row with none. */
  refs(row: ResultRow): string;
  /** The numbered list of every kind of mark in the table; empty when no row has one. */
  list: string;
}

type Kind = Exclude<StatusLabel, 'measured' | 'starved'>;

/** Where a row stands among the table's (its point, where the table has more than one), and why it failed or completed nothing. */
function pointOf(row: ResultRow, rows: readonly ResultRow[], kind: Kind): string {
  const parts: string[] = [];
  if (rows.some((other) => other.connections !== row.connections)) parts.push(`c=${row.connections}`);
  if (rows.some((other) => (other.serverCores ?? null) !== (row.serverCores ?? null))) parts.push(`${row.serverCores ?? 'all'} cores`);
  if (rows.some((other) => other.targetRate !== row.targetRate) && row.targetRate !== undefined) parts.push(`${row.targetRate} msgs/s`);
  const why = kind === 'failed' ? row.failure : kind === 'nothing completed' ? row.emptyReason : undefined;
  if (why) parts.push(`(${why})`);
  return parts.join(' ');
}

/** "event-loop c=16, c=64; cluster c=16": the rows grouped by server, each server named once. */
function groupedRows(marked: readonly ResultRow[], rows: readonly ResultRow[], kind: Kind): string {
  const byServer = new Map<string, string[]>();
  for (const row of marked) byServer.set(serverLabel(row), [...(byServer.get(serverLabel(row)) ?? []), pointOf(row, rows, kind)]);
  return [...byServer].map(([server, points]) => [server, points.filter(Boolean).join(', ')].filter(Boolean).join(' ')).join('; ');
}

export function markNotes(rows: readonly ResultRow[], idPrefix: string): MarkNotes {
  // Numbered in order of first appearance, so the notes read top to bottom with the table.
  const numbers = new Map<Kind, number>();
  for (const kind of rows.flatMap(rowReasons)) if (!numbers.has(kind)) numbers.set(kind, numbers.size + 1);
  const id = (n: number) => esc(`${idPrefix}-mark-${n}`);
  const refs = (row: ResultRow) => {
    const marks = rowMarks(row);
    return rowReasons(row)
      .map((kind, i) => {
        const n = numbers.get(kind)!;
        return `<a class="mark-ref" href="#${id(n)}" title="${esc(marks[i]!)}">[${n}]</a>`;
      })
      .join(' ');
  };
  const items = [...numbers].map(([kind, n]) => {
    const marked = rows.filter((row) => rowReasons(row).includes(kind));
    return `<li id="${id(n)}" value="${n}"><b>${esc(kind)}</b> (${esc(MARK_KINDS[kind].meaning)}): ${esc(groupedRows(marked, rows, kind))}</li>`;
  });
  const list = items.length === 0 ? '' : `<ol class="mark-notes" aria-label="marks">${items.join('')}</ol>`;
  return { refs, list };
}
