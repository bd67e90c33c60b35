/** How long a point runs: warm-up, measured windows, timeouts, and their defaults. */
import type { Scenario } from '../../scenarios/scenario.js';

export interface Timing {
  warmupMs: number;
  windowMs: number;
  repeats: number;
  connectTimeoutMs: number;
  answerTimeoutMs: number;
  /** The time series' interval (--interval); DEFAULT_INTERVAL_MS when absent. */
  intervalMs?: number;
}

/** The time series' interval by default: ten a second, the sampler's own rate. */
export const DEFAULT_INTERVAL_MS = 100;

/** Every timing default in one object, as autocannon keeps its defaults: the full suite's, and --quick's. */
export const TIMING_DEFAULTS = {
  full: { warmupMs: 500, windowMs: 800, repeats: 3, connectTimeoutMs: 5_000, answerTimeoutMs: 2_000, intervalMs: DEFAULT_INTERVAL_MS },
  quick: { warmupMs: 100, windowMs: 250, repeats: 1, connectTimeoutMs: 5_000, answerTimeoutMs: 2_000, intervalMs: DEFAULT_INTERVAL_MS },
} as const satisfies Record<'full' | 'quick', Timing>;

/** The timing a scenario's points run with: its declared share of the warm-up and of each window (see Scenario.timeShare). */
export function scenarioTiming(timing: Timing, scenario: Scenario): Timing {
  const share = scenario.timeShare ?? 1;
  return share === 1 ? timing : { ...timing, warmupMs: timing.warmupMs * share, windowMs: timing.windowMs * share };
}
