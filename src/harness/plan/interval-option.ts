/** --interval: the time series' interval, refused in one line when it cannot cut a window into intervals. */
import { UsageError } from '../../shared/exit-codes.js';

/** The tree's CPU time is counted in 10 ms clock ticks: a shorter interval could not say how busy the server was. */
const MIN_INTERVAL_MS = 10;

const UNIT_MS = { ms: 1, s: 1000 } as const;

/** `raw` as ms ("50", "50ms", "0.5s"), from MIN_INTERVAL_MS up to the measured window's length. */
export function parseInterval(raw: string, windowMs: number): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[(match[2] ?? 'ms') as keyof typeof UNIT_MS] : Number.NaN;
  if (!match || !(ms >= MIN_INTERVAL_MS)) {
    throw new UsageError(`--interval must be a time of at least ${MIN_INTERVAL_MS} ms, in ms (the default unit) or s (e.g. 100ms, 0.5s), got '${raw}'`);
  }
  if (ms > windowMs) {
    throw new UsageError(`--interval ${raw} is longer than the measured window (${windowMs / 1000} s, -d): give an interval of at most the window`);
  }
  return ms;
}
