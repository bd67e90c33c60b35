/**
 * A table's marks as numbered notes: a row shows only the numbers of its marks (with the words as a
 * tooltip), so a marked row stays one line like the others, and the list under the table says each
 * mark once in full.
 */
import type { ResultRow } from '../results/schema.js';
import { rowMarks } from '../results/row-status.js';
import { escapeHtml as esc } from './html-escape.js';

export interface MarkNotes {
  /** The row's marks as links to their notes, e.g. "[1] [2]"; empty for a row with none. */
  refs(row: ResultRow): string;
  /** The numbered list of every mark in the table; empty when no row has one. */
  list: string;
}

export function markNotes(rows: readonly ResultRow[], idPrefix: string): MarkNotes {
  // Numbered in order of first appearance, so the notes read top to bottom with the table.
  const numbers = new Map<string, number>();
  for (const mark of rows.flatMap(rowMarks)) if (!numbers.has(mark)) numbers.set(mark, numbers.size + 1);
  const id = (n: number) => esc(`${idPrefix}-mark-${n}`);
  const refs = (row: ResultRow) =>
    rowMarks(row)
      .map((mark) => {
        const n = numbers.get(mark)!;
        return `<a class="mark-ref" href="#${id(n)}" title="${esc(mark)}">[${n}]</a>`;
      })
      .join(' ');
  const items = [...numbers].map(([mark, n]) => `<li id="${id(n)}" value="${n}">${esc(mark)}</li>`);
  const list = items.length === 0 ? '' : `<ol class="mark-notes" aria-label="marks">${items.join('')}</ol>`;
  return { refs, list };
}
