/**
 * A capacity search against one running server: a short closed-loop probe sets the start rate (a
 * fraction of what this machine and model answer flat out), then each step is an ordinary open-loop
 * point at one rate, as long as its percentile needs (step-length.ts). The probe and the steps share
 * one set of connections: between steps the generators stop sending and wait until every message
 * has come back (nothing in flight), then send at the next rate, so a step measures messages, not
 * connection set-up (fork's process and worker's thread per connection). Every step is a row; the
 * last one carries the answer.
 */
import type { GeneratorPool } from '../load/generator-pool.js';
import type { Placement, ResultRow, Slo } from '../../results/schema.js';
import type { PointOf } from '../../scenarios/scenario.js';
import type { ServerUnderTest } from './server-under-test.js';
import { DEFAULT_INTERVAL_MS, type Timing } from '../plan/timing.js';
import { runPoint } from './run-point.js';
import type { RowAndLog } from '../rows/interval-log.js';
import { untilServerQuiet } from '../capacity/quiet-server.js';
import { judgeStep } from '../capacity/judge.js';
import { SEARCH_DEFAULTS, searchCapacity, type SearchSettings } from '../capacity/search.js';
import { lowestRate, MAX_STEP_MS, stepAnswers, stepWindowMs } from '../capacity/step-length.js';

/**
 * The search starts at this share of the probe's closed-loop msgs/s. An open loop sustains less than
 * a closed loop's flat-out rate, so the climb's second step (the probe's rate) is usually the first
 * failure: few steps per model, which the suite's time budget needs.
 */
export const START_SHARE = 0.5;
/**
 * The climb offers at most this multiple of the probe's closed-loop msgs/s. Far past it the open loop
 * is no longer one message at a time a connection but a pipeline the generator sends in batches (it
 * falls behind and sends what is overdue in one write): a bulk-bytes load, which echo-large measures.
 */
const MAX_OVER_PROBE = 4;
/** Bisection stops once the search's steps took as long as this many of its longest steps (8 s; --quick 4 s). */
const SEARCH_STEPS_OF_LONGEST = 4;
/** Where a probe measured nothing (a server that answers no one in time). */
const FALLBACK_START_RATE = 100;

/** A step: 0.1 s warm-up at most, then one window as long as `rate` needs for `answers` (step-length.ts). */
function stepTiming(timing: Timing, rate: number, answers: number, maxStepMs: number): Timing {
  const intervalMs = timing.intervalMs ?? DEFAULT_INTERVAL_MS;
  return { ...timing, warmupMs: Math.min(timing.warmupMs, 100), windowMs: stepWindowMs(rate, answers, intervalMs, maxStepMs), repeats: 1 };
}

/** The probe: 0.1 s warm-up at most, one 0.2 s closed-loop window. */
const probeTiming = (timing: Timing): Timing => ({ ...timing, warmupMs: Math.min(timing.warmupMs, 100), windowMs: Math.min(timing.windowMs, 200), repeats: 1 });

export async function runSearch(
  point: PointOf<'capacity'>,
  target: ServerUnderTest,
  timing: Timing,
  pool: GeneratorPool,
  placement: Placement,
  /** Tests shorten the search. */
  settings: Partial<Omit<SearchSettings, 'startRate'>> = {},
): Promise<Required<RowAndLog>[]> {
  const slo: Slo = point.rateSearch.slo;
  const answers = stepAnswers(slo.percentile);
  const maxStepMs = point.rateSearch.maxStepMs ?? MAX_STEP_MS;
  const { row: probe } = await runPoint({ ...point, mode: 'closed', rate: 0 }, target, probeTiming(timing), pool, placement, { keep: true });
  const probeMsgsPerSec = probe.status === 'ok' ? probe.msgsPerSec.median : 0;
  const startRate = probeMsgsPerSec > 0 ? Math.max(1, Math.round(probeMsgsPerSec * START_SHARE)) : FALLBACK_START_RATE;

  const steps: Required<RowAndLog>[] = [];
  const { factor, bisections } = point.rateSearch;
  const shape = { ...(factor !== undefined ? { factor } : {}), ...(bisections !== undefined ? { bisections } : {}) };
  const maxRate = probeMsgsPerSec > 0 ? MAX_OVER_PROBE * probeMsgsPerSec : Number.POSITIVE_INFINITY;
  // No step offers less than the longest step can hold its answers at.
  const minRate = lowestRate(answers, maxStepMs);
  const maxSearchMs = SEARCH_STEPS_OF_LONGEST * maxStepMs;
  const answer = await searchCapacity({ ...SEARCH_DEFAULTS, minRate, maxRate, maxSearchMs, ...shape, ...settings, startRate }, async (rate, confirms) => {
    const step = await runPoint({ ...point, mode: 'open', rate }, target, stepTiming(timing, rate, answers, maxStepMs), pool, placement, { reuse: true, keep: true });
    const { row } = step;
    const { throughout, ...outcome } = judgeStep(row, slo);
    // A confirmation measures the rate of the step just before it.
    row.rateSearch = { slo, step: steps.length + 1, ...outcome, ...(confirms ? { confirms: steps.length } : {}) };
    steps.push(step);
    if (row.status === 'failed') throw new StepFailed(row);
    return { ...outcome, throughout, ms: timing.warmupMs + row.durationSec * 1000 };
  })
    .catch((error: unknown) => {
      // A step whose server stopped answering ends the search; its rows so far stand.
      if (error instanceof StepFailed) return undefined;
      throw error;
    })
    .finally(() => closeKept(pool));
  await untilServerQuiet(target.stats);
  const rows = steps.map(({ row }) => row);
  const last = rows.at(-1)!;
  last.rateSearch!.result = {
    sustainedRate: answer?.sustainedRate ?? bestPass(rows),
    // A search cut short by a failed step ends at that step; a finished one may have failed nowhere (null).
    firstFailingRate: answer ? answer.firstFailingRate : (last.targetRate ?? null),
    lowerBound: answer?.lowerBound ?? true,
    startRate,
    ...(Number.isFinite(maxRate) ? { ceilingRate: Math.round(maxRate) } : {}),
    minRate: settings.minRate ?? minRate,
    stepAnswers: answers,
    probeMsgsPerSec,
    steps: rows.length,
  };
  return steps;
}

/** The search's connections, closed once it is over (a generator that already failed has none). */
async function closeKept(pool: GeneratorPool): Promise<void> {
  for (let i = 0; i < pool.size; i++) pool.send(i, { type: 'close' });
  await pool.collect('closed', 10_000);
}

class StepFailed extends Error {
  constructor(readonly row: ResultRow) {
    super(row.failure ?? 'step failed');
  }
}

function bestPass(rows: ResultRow[]): number | null {
  const passed = rows.filter((row) => row.rateSearch!.passed).map((row) => row.targetRate!);
  return passed.length > 0 ? Math.max(...passed) : null;
}
