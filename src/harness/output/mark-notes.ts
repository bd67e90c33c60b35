/**
 * Marks as numbered notes: a row's marks column shows "[1] [2]" and the notes under the table say
 * each mark in full once, so a long mark does not widen every table past a terminal's width.
 */
import Table from 'cli-table3';
import { TABLE_MAX_WIDTH } from './fit-columns.js';

export interface NumberedMarks {
  /** Per row: its notes' numbers ("" for a row with no mark). */
  cells: string[];
  /** The notes, wrapped within the table width ("" when no row has a mark). */
  legend: string;
}

export function numberMarks(marksPerRow: readonly (readonly string[])[], max = TABLE_MAX_WIDTH): NumberedMarks {
  const notes: string[] = [];
  const numberOf = (mark: string) => (notes.includes(mark) ? notes.indexOf(mark) : notes.push(mark) - 1) + 1;
  const cells = marksPerRow.map((marks) => marks.map((mark) => `[${numberOf(mark)}]`).join(' '));
  if (notes.length === 0) return { cells, legend: '' };
  // A borderless one-column table wraps each note at word boundaries within the width.
  const none = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' };
  const legend = new Table({ chars: none, colWidths: [max], wordWrap: true, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 } });
  legend.push(...notes.map((note, i) => [`[${i + 1}] ${note}`]));
  return { cells, legend: legend.toString().split('\n').map((line) => line.trimEnd()).join('\n') };
}
