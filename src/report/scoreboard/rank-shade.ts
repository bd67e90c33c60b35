/** A ranked cell's shade: five steps from the best to the column's lowest rank, so tied cells look alike. */
import type { ScoreCell, ScoreColumn } from './scoreboard.js';

const SHADES = 5;

/** 0 (the best) … SHADES − 1 (the column's lowest rank); null: not ranked, or a column that ranks nothing. */
export function shadeOf(cell: ScoreCell, column: ScoreColumn): number | null {
  if (cell.rank === null || column.measuredOnce) return null;
  if (column.worstRank === 1) return 0;
  return Math.round(((cell.rank - 1) / (column.worstRank - 1)) * (SHADES - 1));
}
