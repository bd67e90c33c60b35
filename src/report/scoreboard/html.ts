/** The scoreboard as the report page's opening table, each cell shaded by its rank. */
import { escapeHtml as esc } from '../html-escape.js';
import { MODEL_COLOURS } from '../model-colours.js';
import { ratioText } from './ratio.js';
import { MARK_KINDS } from './marks.js';
import { boardNotes, rankingNote } from './notes.js';
import { shadeOf } from './rank-shade.js';
import type { ScoreCell, ScoreColumn, Scoreboard } from './scoreboard.js';

function cellHtml(cell: ScoreCell, column: ScoreColumn): string {
  if (!cell.ran) return '<td class="not-run" title="not run">·</td>';
  const shade = shadeOf(cell, column);
  const marks = cell.marks.map((kind) => `<span class="mark" title="${esc(kind)}">${esc(MARK_KINDS[kind].symbol)}</span>`).join('');
  // The figure and its marks on one line, its ratio to the best (and where it was read) on the next.
  // A figure without a ratio (starved: not of the whole load) says so with a dash, so its row keeps the others' height.
  const under = [cell.ratio === null ? (cell.value === null ? '' : '—') : ratioText(cell.ratio), ...(cell.at ? [cell.at] : [])].filter(Boolean).join(' ');
  const ratio = under ? ` <span class="ratio">${esc(under)}</span>` : '';
  const title = [cell.rank === null ? 'not ranked' : `rank ${cell.rank}`, ...cell.marks].join('; ');
  return `<td class="${shade === null ? 'unranked' : `shade-${shade}`}" title="${esc(title)}">${esc(cell.text)}${marks}${ratio}</td>`;
}

export function scoreboardHtml(board: Scoreboard): string {
  const head = board.columns
    .map((column) => `<th title="${esc(column.better)} is better"><a href="#scenario-${esc(column.scenario)}">${esc(column.scenario)}</a><br><span class="figure">${esc(column.header)} ${column.better === 'higher' ? '↑' : '↓'}</span></th>`)
    .join('');
  const body = board.rows
    .map((row) => {
      const swatch = `<span class="swatch" style="background:${MODEL_COLOURS[row.model]}"></span>`;
      return `<tr><th scope="row">${swatch}${esc(row.label)}</th>${row.cells.map((cell, i) => cellHtml(cell, board.columns[i]!)).join('')}</tr>`;
    })
    .join('\n');
  const notes = boardNotes(board);
  // The marks at a glance in one line; what each means and which cells carry it, one open away.
  const legend = notes.map((note) => `<span class="mark">${esc(note.symbol)}</span> ${esc(note.kind)}`).join(' · ');
  const items = notes.map((note) => `<li><span class="mark">${esc(note.symbol)}</span> <b>${esc(note.kind)}</b> (${esc(note.meaning)}): ${esc(note.where)}</li>`);
  return [
    `<div class="table-wrap"><table class="scoreboard"><thead><tr><th>Model</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`,
    `<details class="board-notes"><summary>Shade: rank in the column, darkest the best; ·: not run.${legend ? ` Marks: ${legend}.` : ''} How cells are ranked${notes.length > 0 ? ', and which carry each mark' : ''}</summary>`,
    `<p class="board-note">${esc(rankingNote(board))}</p>`,
    items.length > 0 ? `<ul class="board-marks">${items.join('')}</ul>` : '',
    '</details>',
  ].join('\n');
}
