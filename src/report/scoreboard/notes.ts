/** The board's notes: one per kind of mark, naming every cell that carries it, grouped by server. */
import { MARK_KINDS, markOrder, type MarkKind } from './marks.js';
import type { Scoreboard } from './scoreboard.js';
import { chanceOrderText } from '../intervals.js';

export interface MarkNote {
  kind: MarkKind;
  symbol: string;
  meaning: string;
  /** "event-loop: echo-small, cpu; cluster: echo-small". */
  where: string;
}

export function boardNotes(board: Scoreboard): MarkNote[] {
  const kinds = markOrder(board.rows.flatMap((row) => row.cells.flatMap((cell) => cell.marks)));
  return kinds.map((kind) => {
    const groups = board.rows
      .map((row) => ({ label: row.label, scenarios: board.columns.filter((_, i) => row.cells[i]!.marks.includes(kind)).map((column) => column.scenario) }))
      .filter((group) => group.scenarios.length > 0)
      .map((group) => `${group.label}: ${group.scenarios.join(', ')}`);
    return { kind, ...MARK_KINDS[kind], where: groups.join('; ') };
  });
}

/** How the board ranks, and which columns it could not rank: said once under it. */
export function rankingNote(board: Scoreboard): string {
  const once = board.columns.filter((column) => column.measuredOnce).map((column) => column.scenario);
  const chance = chanceOrderText(board.repeats);
  return (
    'Each cell: the scenario’s headline figure and its ratio to the best in the column. A cell ranks above another only where every repeat ' +
    'of it is beyond every repeat of the other (a capacity search: its sustained rate at or above the other’s first failing rate); cells that overlap ' +
    'share a rank and a colour.' +
    (chance ? ` ${chance[0]!.toUpperCase()}${chance.slice(1)}.` : '') +
    (once.length > 0 ? ` Measured once, so not ranked: ${once.join(', ')}.` : '')
  );
}
