/**
 * Tables within a terminal's 120 columns: figures keep their width, and only the columns of words
 * (latency with its starved count, errors, marks) wrap, widest first. The full figures are in
 * results.json and results.csv.
 */
import Table from 'cli-table3';

export const TABLE_MAX_WIDTH = 120;
/** A wrapping column keeps at least this many characters (padding included). */
const NARROWEST = 10;

/** The width a cell needs: its longest line, or for a header its longest word (a header may wrap; figures may not). */
const needs = (text: string, header: boolean) => Math.max(...text.split(header ? /\s+/ : '\n').map((part) => part.length));

const total = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w, 0) + widths.length + 1;

function fitColumns(lines: readonly (readonly string[])[], wrapping: ReadonlySet<number>, max = TABLE_MAX_WIDTH): number[] {
  const columns = lines[0]?.length ?? 0;
  const cellsOf = (c: number) => lines.slice(1).map((line) => needs(String(line[c] ?? ''), false));
  const header = (c: number, words: boolean) => needs(String(lines[0]?.[c] ?? ''), words);
  const widths = Array.from({ length: columns }, (_, c) => 2 + Math.max(header(c, false), ...cellsOf(c)));
  // First the columns of words wrap, widest first, never below their longest word (cli-table3 would cut it: "sequent…").
  const longestWord = (c: number) => 2 + Math.max(...lines.slice(1).map((line) => needs(String(line[c] ?? ''), true)));
  while (total(widths) > max) {
    const candidates = [...wrapping].filter((c) => widths[c]! > Math.max(NARROWEST, longestWord(c)));
    if (candidates.length === 0) break;
    widths[candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a))]!--;
  }
  // Then headers wrap, the one widest over its figures first: a column never narrows below its figures or a header's word.
  const floor = Array.from({ length: columns }, (_, c) => Math.max(2 + header(c, true), wrapping.has(c) ? longestWord(c) : 2 + Math.max(...cellsOf(c))));
  while (total(widths) > max) {
    const slack = widths.map((w, c) => ({ c, slack: w - floor[c]! })).filter(({ slack }) => slack > 0);
    if (slack.length === 0) break;
    widths[slack.reduce((a, b) => (b.slack > a.slack ? b : a)).c]!--;
  }
  return widths;
}

/** A cli-table3 table of `head` and `lines`; the columns named in `wrapping` wrap to keep it within `max`. */
export function fittedTable(head: readonly string[], lines: readonly (readonly (string | number)[])[], wrapping: readonly string[], max = TABLE_MAX_WIDTH): string {
  const cells = lines.map((line) => line.map(String));
  const wraps = new Set(wrapping.map((name) => head.indexOf(name)).filter((c) => c >= 0));
  const table = new Table({ head: [...head], colWidths: fitColumns([[...head], ...cells], wraps, max), wordWrap: true, style: { head: [], border: [] } });
  table.push(...cells);
  return table.toString();
}
