/**
 * Tables within a terminal's 120 columns: figures keep their width, and only the columns of words
 * (latency with its starved count, errors, marks) wrap, widest first. The full figures are in
 * results.json and results.csv.
 */
import Table from 'cli-table3';

export const TABLE_MAX_WIDTH = 120;
/** A wrapping column keeps at least this many characters (padding included). */
const NARROWEST = 10;

function fitColumns(lines: readonly (readonly string[])[], wrapping: ReadonlySet<number>, max = TABLE_MAX_WIDTH): number[] {
  const columns = lines[0]?.length ?? 0;
  const widths = Array.from({ length: columns }, (_, c) => 2 + Math.max(...lines.map((line) => Math.max(...String(line[c] ?? '').split('\n').map((part) => part.length)))));
  const borders = columns + 1;
  for (let total = widths.reduce((sum, w) => sum + w, 0) + borders; total > max; total--) {
    const candidates = [...wrapping].filter((c) => widths[c]! > NARROWEST);
    if (candidates.length === 0) break;
    const widest = candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    widths[widest]!--;
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
