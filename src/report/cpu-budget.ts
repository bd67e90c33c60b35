/**
 * The CPU arithmetic of the CPU-bound scenario: with W µs of work per message, one core can do at
 * most 1e6/W messages per second and N cores N times that; and what the server really spent.
 */
import { serverCpuUsPerMessage } from '../results/cpu-limit.js';
import type { ResultRow, ResultsFile } from '../results/schema.js';

/** CPUs the server could use: those it was pinned to, else every core. */
export function serverCpuCount(row: ResultRow, results: ResultsFile): number {
  const placement = row.placement ?? results.env.placement;
  return placement.pinned && placement.serverCpus ? placement.serverCpus.length : results.env.cores;
}

/** A core sweep's rows at its most server CPUs (the rows at fewer are the scaling chart's): a whole run's rows otherwise. */
export function atMostCpus(rows: readonly ResultRow[], results: ResultsFile): ResultRow[] {
  const most = Math.max(...rows.map((row) => serverCpuCount(row, results)));
  return rows.filter((row) => serverCpuCount(row, results) === most);
}

export { cpuLimit } from '../results/cpu-limit.js';

/** µs of server CPU (all its processes, from /proc) per echoed message: ≥ the nominal work if the work is right; NaN where unknown. */
export function cpuUsPerMessage(row: ResultRow): number {
  return serverCpuUsPerMessage(row) ?? NaN;
}
