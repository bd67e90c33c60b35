/**
 * One clock for the harness, its generator processes and the server sampler: milliseconds since the
 * epoch at sub-millisecond resolution. Each process's performance.timeOrigin is the wall clock at its
 * start and performance.now() the monotonic time since, so their sum agrees across the processes of
 * one machine to well within a millisecond (checked by a round trip over IPC), and a time interval's
 * boundaries taken on it are the same instants in every process.
 */
export function sharedNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The interval grid a point's time series is measured on: interval k is [originMs + k·intervalMs, originMs + (k+1)·intervalMs). */
export interface IntervalGrid {
  /** On the shared clock: when the harness asked for the measured windows. */
  originMs: number;
  intervalMs: number;
}

/** The interval `atMs` (shared clock) falls in; never negative (a clock read a hair before the origin counts in the first). */
export function intervalIndex(grid: IntervalGrid, atMs: number): number {
  return Math.max(0, Math.floor((atMs - grid.originMs) / grid.intervalMs));
}
