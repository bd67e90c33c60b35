/**
 * Ranks within one column: a cell is better than another only where its bounds clear the other's
 * (every repeat of one beyond every repeat of the other, as report/intervals.ts orders rows), so
 * cells whose repeats overlap share a rank, and a cell measured once is ordered against none.
 */
import type { Bounds } from './headlines.js';

export interface Rankable {
  bounds: Bounds | null;
}

/** Whether `a` is above `b` beyond both their bounds. */
function boundsAbove(a: Bounds | null, b: Bounds | null): boolean {
  if (!a || !b) return false;
  return a.low > b.high || (b.openAbove === true && a.low >= b.high);
}

/** Whether `a` is clearly better than `b`, in the column's direction. */
function clearlyBetter(a: Rankable, b: Rankable, better: 'higher' | 'lower'): boolean {
  return better === 'higher' ? boundsAbove(a.bounds, b.bounds) : boundsAbove(b.bounds, a.bounds);
}

/** 1 + the number of cells clearly better: tied cells share a rank, and the next rank counts them all. */
export function ranks(cells: readonly Rankable[], better: 'higher' | 'lower'): number[] {
  return cells.map((cell) => 1 + cells.filter((other) => clearlyBetter(other, cell, better)).length);
}
