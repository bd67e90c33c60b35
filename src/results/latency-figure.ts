/**
 * A latency figure describes only the answers received: with none it is absent (the dash), and a row
 * whose connections got no answer at all says how many beside every latency figure it shows, so a
 * low figure measured on the few connections that were served is not read as the whole row's.
 */
import { latency } from './format.js';
import type { ResultRow } from './schema.js';

/** "85 µs", "46 µs (15 starved)"; "—" where nothing was answered (no figure to qualify). */
export function latencyFigure(row: ResultRow, us: number | null): string {
  const { starved } = row.fairness;
  return starved > 0 && us !== null ? `${latency(us)} (${starved} starved)` : latency(us);
}
