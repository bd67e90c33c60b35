/**
 * A latency figure describes only the answers received: with none it is absent (the dash), and a row
 * whose connections got no answer at all says how many beside the latency figures it shows, so a
 * low figure measured on the few connections that were served is not read as the whole row's.
 */
import { latency } from './format.js';
import type { ResultRow } from './schema.js';

/**
 * Figures of one row in one cell: "85 µs / 1.2 ms", with " (15 starved)" once after them; "—" where
 * nothing was answered (then every figure is null, and there is nothing to qualify).
 */
export function latencyFigures(row: ResultRow, figures: readonly (number | null)[]): string {
  if (figures.every((us) => us === null)) return latency(null);
  const shown = figures.map((us) => latency(us)).join(' / ');
  return row.fairness.starved > 0 ? `${shown} (${row.fairness.starved} starved)` : shown;
}
