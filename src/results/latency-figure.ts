/**
 * A latency figure describes only the answers received: with none it is absent (the dash), and a row
 * whose connections got no answer at all says how many beside the latency figures it shows, so a
 * low figure measured on the few connections that were served is not read as the whole row's.
 */
import { count, latency } from './format.js';
import { fewAnswers } from './latency-support.js';
import type { ResultRow } from './schema.js';

/**
 * Figures of one row in one cell: "85 µs / 1.2 ms", with what qualifies them once after them: the
 * count where few answers back them ("16 answers"), the connections that got none ("15 starved");
 * "—" where nothing was answered (then every figure is null, and there is nothing to qualify).
 */
export function latencyFigures(row: ResultRow, figures: readonly (number | null)[]): string {
  if (row.latencyUs.count === 0 || figures.every((us) => us === null)) return latency(null);
  const shown = figures.map((us) => latency(us)).join(' / ');
  const qualifiers = [
    ...(fewAnswers(row.latencyUs.count) ? [`${count(row.latencyUs.count)} answer${row.latencyUs.count === 1 ? '' : 's'}`] : []),
    ...(row.fairness.starved > 0 ? [`${row.fairness.starved} starved`] : []),
  ];
  return qualifiers.length > 0 ? `${shown} (${qualifiers.join('; ')})` : shown;
}
