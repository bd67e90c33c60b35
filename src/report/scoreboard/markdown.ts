/** The scoreboard as a Markdown table for the README: the best in bold (no colour there), the rank after each other figure. */
import { ratioText } from './ratio.js';
import { MARK_KINDS } from './marks.js';
import { boardNotes, rankingNote } from './notes.js';
import type { ScoreCell, ScoreColumn, Scoreboard } from './scoreboard.js';

/** A Markdown table cell must not hold a pipe. */
const cellText = (text: string) => text.replace(/\|/g, '\\|');

function cellMarkdown(cell: ScoreCell, column: ScoreColumn): string {
  if (!cell.ran) return '·';
  const marks = cell.marks.map((kind) => MARK_KINDS[kind].symbol).join('');
  const at = cell.at ? ` ${cell.at}` : '';
  if (cell.value === null) return `—${marks}`;
  const ranked = cell.rank !== null && !column.measuredOnce;
  const figure = ranked && cell.rank === 1 ? `**${cell.text}**` : cell.text;
  const ratio = cell.ratio === null || cell.ratio === 1 ? '' : ` ${ratioText(cell.ratio)}`;
  const rank = ranked && cell.rank !== 1 ? ` #${cell.rank}` : '';
  return `${figure}${ratio}${rank}${at}${marks}`;
}

export function scoreboardMarkdown(board: Scoreboard): string {
  const header = `| Model | ${board.columns.map((column) => `${column.scenario} (${column.header} ${column.better === 'higher' ? '↑' : '↓'})`).join(' | ')} |`;
  const rule = `|---|${board.columns.map(() => '---:').join('|')}|`;
  const rows = board.rows.map((row) => `| ${cellText(row.label)} | ${row.cells.map((cell, i) => cellText(cellMarkdown(cell, board.columns[i]!))).join(' | ')} |`);
  const notes = boardNotes(board);
  // The marks' legend at a glance; what each means and which cells carry it, one open away.
  const legend = notes.map((note) => `${note.symbol} ${note.kind}`).join(' · ');
  const details = notes.map((note) => `- ${note.symbol} **${note.kind}** (${note.meaning}): ${note.where}.`);
  return [
    header,
    rule,
    ...rows,
    '',
    `Bold: the best and its ties; #n: rank; ·: not run.${legend ? ` Marks: ${legend}.` : ''}`,
    '',
    '<details><summary>How cells are ranked, and which cells carry each mark</summary>',
    '',
    rankingNote(board),
    '',
    ...details,
    '',
    '</details>',
  ].join('\n');
}
