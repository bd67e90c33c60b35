/**
 * The facts the tradeoff claims are made of: for each server, each scenario's headline cell as the
 * scoreboard read it per kind of scenario (figure, ratio to the best, rank, marks), with the column's leaders.
 */
import type { ScoreCell, ScoreColumn, ScoreRow, Scoreboard } from '../scoreboard/scoreboard.js';

export interface CellFact {
  scenario: string;
  column: ScoreColumn;
  cell: ScoreCell;
  /** The servers ranked first in the column (ties share the first rank). */
  leaders: string[];
  /** The server whose figure the column's ratios are to (a ranked cell at 1×). */
  best: string;
}

export interface ServerFacts {
  label: string;
  model: ScoreRow['model'];
  cells: CellFact[];
}

export function tradeoffFacts(board: Scoreboard): ServerFacts[] {
  const leaders = board.columns.map((_, i) => board.rows.filter((row) => row.cells[i]!.rank === 1).map((row) => row.label));
  const best = board.columns.map((_, i) => board.rows.find((row) => row.cells[i]!.rank !== null && row.cells[i]!.ratio === 1)?.label ?? '');
  return board.rows.map((row) => ({
    label: row.label,
    model: row.model,
    cells: row.cells.map((cell, i) => ({ scenario: board.columns[i]!.scenario, column: board.columns[i]!, cell, leaders: leaders[i]!, best: best[i]! })),
  }));
}
