import type { Slo } from './schema.js';

/** "p99 ≤ 10 ms": an objective as the table, charts and narrative say it. */
export function formatSlo({ percentile, objectiveUs }: Slo): string {
  const time = objectiveUs >= 1e6 ? `${objectiveUs / 1e6} s` : objectiveUs >= 1000 ? `${objectiveUs / 1000} ms` : `${objectiveUs} µs`;
  return `${percentile} ≤ ${time}`;
}
