/**
 * A latency figure describes only the answers received: with none it is absent (the dash), and a row
 * whose connections got no answer at all says how many beside every latency figure it shows, so a
 * low figure measured on the few connections that were served is not read as the whole row's.
 */
import { latency } from './format.js';
import type { ResultRow } from './schema.js';

/** "85 µs / 1.2 ms / 3.1 ms / 5 ms", with " (15 starved)" once after all four; "—" where nothing was answered. */
export function latencySpread(row: ResultRow): string {
  const { p50, p99, p999, max } = row.latencyUs;
  if (p50 === null) return latency(null);
  const figures = [p50, p99, p999, max].map((us) => latency(us)).join(' / ');
  return row.fairness.starved > 0 ? `${figures} (${row.fairness.starved} starved)` : figures;
}

/** The terminal's short form: "85 µs / 1.2 ms", " (15 starved)" once after both; "—" where nothing was answered. */
export function latencyPair(row: ResultRow): string {
  const { p50, p99 } = row.latencyUs;
  if (p50 === null) return latency(null);
  const figures = [p50, p99].map((us) => latency(us)).join(' / ');
  return row.fairness.starved > 0 ? `${figures} (${row.fairness.starved} starved)` : figures;
}

/** "85 µs", "46 µs (15 starved)"; "—" where nothing was answered (no figure to qualify). */
export function latencyFigure(row: ResultRow, us: number | null): string {
  const { starved } = row.fairness;
  return starved > 0 && us !== null ? `${latency(us)} (${starved} starved)` : latency(us);
}
