/**
 * The CPU-bound rows' ceiling: with W µs of work per message one core echoes at most 1e6 / W messages
 * a second, and the server's N CPUs N times that. A row above its ceiling did not do the work it
 * claims (the hash cost less than calibrated: this machine's speed drifts), so its figure is not a
 * speed-up and is never ranked.
 */
import { MODELS } from '../models/index.js';
import type { ResultRow } from './schema.js';

/** msgs/s ceiling for `cpus` cores at `workUs` µs of work per message. */
export function cpuLimit(cpus: number, workUs: number): number {
  return (cpus * 1e6) / workUs;
}

/**
 * The row's ceiling and the CPUs its work can use: those it was pinned to, one for a model that works
 * on one thread; undefined without work or without a known CPU count (unpinned).
 */
export function rowCpuLimit(row: ResultRow): { cpus: number; oneThread: boolean; msgsPerSec: number } | undefined {
  const pinned = row.placement.pinned ? row.placement.serverCpus?.length : undefined;
  if (!pinned || row.workUsPerMessage <= 0) return undefined;
  const oneThread = row.model !== 'external' && MODELS[row.model].oneThreadOfWork === true;
  const cpus = oneThread ? 1 : pinned;
  return { cpus, oneThread, msgsPerSec: cpuLimit(cpus, row.workUsPerMessage) };
}

/**
 * Above the ceiling by more than its repeats spread: its lowest repeat is over it (one repeat: that repeat).
 * A repeat that merely touches the ceiling is noise in the window's length, not a faster machine.
 */
export function aboveCpuLimit(row: ResultRow): boolean {
  const limit = rowCpuLimit(row);
  return limit !== undefined && row.status === 'ok' && row.msgsPerSec.runs.length > 0 && row.msgsPerSec.range[0] > limit.msgsPerSec;
}

/**
 * µs of server CPU per echoed message: from the row's anatomy (the scheduler's exact time of every
 * thread over the measured windows) where no thread ended in between, else from the sampler's CPU
 * share (/proc ticks, coarser); null where the server was not sampled or echoed nothing.
 */
export function serverCpuUsPerMessage(row: ResultRow): number | null {
  const server = row.anatomy?.server;
  if (server && server.endedThreads === 0 && row.anatomy!.answers > 0) return server.cpuUs / row.anatomy!.answers;
  return row.server && row.msgsPerSec.median > 0 ? (row.server.cpuPercent * 1e4) / row.msgsPerSec.median : null;
}
