/** One point against one running server: warm up, measure `repeats` windows, finish; point-row.ts turns what was measured into its row. */
import type { GeneratorPool } from '../load/generator-pool.js';
import { ANSWERS_BACK_LIMIT_MS, type FromGenerator, type WindowReport } from '../load/generator-protocol.js';
import { loadSpecs } from '../load/load-specs.js';
import { pointRow } from '../rows/point-row.js';
import type { Placement, ResultRow } from '../../results/schema.js';
import { samplerFor } from '../server/server-sampler.js';
import { hostFigures } from '../rows/host-figures.js';
import type { Point } from '../../scenarios/scenario.js';
import type { ServerUnderTest } from './server-under-test.js';
import { DEFAULT_INTERVAL_MS, type Timing } from '../plan/timing.js';
import { warmUp, warmUpPrimed } from '../load/warm-up.js';
import { sharedNow } from '../load/shared-clock.js';
import { intervalCount, mergeIntervals, type MergedIntervals } from '../rows/interval-series.js';
import { intervalLogText, type RowAndLog } from '../rows/interval-log.js';
import { anatomyBetween, NO_READ, readAnatomy, type AnatomyRead } from './anatomy-read.js';

/**
 * How a point uses the generators' connections: a capacity search keeps them from step to step
 * (`keep`: left open at the end; `reuse`: the last point's, retargeted), so that its steps measure
 * messages, not connection set-up (a process or a thread per connection, for fork and worker).
 */
export interface ConnectionUse {
  reuse?: boolean;
  keep?: boolean;
  /** false: skip the anatomy's two reads of the kernel counters (bench:targets measures what they cost). */
  anatomy?: boolean;
}

export async function runPoint(point: Point, target: ServerUnderTest, timing: Timing, pool: GeneratorPool, placement: Placement, use: ConnectionUse = {}): Promise<Required<RowAndLog>> {
  const loads = loadSpecs(point, target, timing, pool.size, placement);
  loads.forEach((spec, i) => pool.send(i, use.reuse ? { type: 'retarget', spec } : { type: 'start', spec }));
  // A retarget first waits for the last point's messages to come back (ANSWERS_BACK_LIMIT_MS at most).
  await pool.collect('started', timing.connectTimeoutMs + (use.reuse ? ANSWERS_BACK_LIMIT_MS : 0) + 10_000);
  // A fixed amount is counted from the first message: no warm-up.
  const warmedUp =
    point.amount > 0 ? { settled: true, elapsedMs: 0 } : await (point.mode === 'closed' ? warmUpPrimed : warmUp)(pool, timing.warmupMs, target.stats);

  // The time series' intervals start now, on the clock the generators and the sampler share; the
  // sampler reads on the same grid (at most every 100 ms: a divisor of the interval).
  const intervalMs = timing.intervalMs ?? DEFAULT_INTERVAL_MS;
  const grid = { originMs: sharedNow(), intervalMs };
  const sampler = samplerFor(target, intervalMs / Math.ceil(intervalMs / DEFAULT_INTERVAL_MS));
  sampler?.start(grid.originMs);
  let warm: Extract<FromGenerator, { type: 'warm' }>[];
  const windows: WindowReport[][] = []; // [window][process]
  let server: ResultRow['server'] | undefined;
  let intervals: MergedIntervals;
  let counters: { before: AnatomyRead; after?: AnatomyRead };
  try {
    const reading = use.anatomy !== false;
    counters = { before: reading ? readAnatomy(target, pool) : NO_READ };
    loads.forEach((_, i) => pool.send(i, { type: 'measure', windows: timing.repeats, windowMs: timing.windowMs, intervals: grid }));
    warm = await pool.collect('warm', 10_000);
    for (let w = 0; w < timing.repeats; w++) {
      windows.push((await pool.collect('window', timing.windowMs + 10_000)).map((m) => m.report));
      if (w === timing.repeats - 1 && reading) counters.after = readAnatomy(target, pool);
      sampler?.windowEnded();
    }
    const reports = (await pool.collect('intervals', 10_000)).map((m) => m.report);
    const endMs = Math.max(...reports.map((r) => r.endMs));
    intervals = mergeIntervals(reports, sampler?.perInterval?.(intervalMs, intervalCount(reports), endMs));
  } finally {
    server = await sampler?.stop(); // also when a generator fails: no sampling timer is left running
  }
  // Asked while the load's connections are still open: how many the server itself holds waiting in its queue.
  const serverWaiting = target.stats ? ((await target.stats().catch(() => undefined))?.waiting ?? 0) : undefined;
  loads.forEach((_, i) => pool.send(i, { type: 'finish', ...(use.keep ? { keep: true } : {}) }));
  const finished = await pool.collect('finished', 10_000);

  const row = pointRow({ point, model: target.model, timing, placement, loads, warmedUp, warm, windows, finished, server, serverWaiting });
  const where = loads.map((_, i) => pool.where(i));
  if (where.some((w) => w !== 'local') && windows.length > 0) row.client.hosts = hostFigures(windows, where, point.mode);
  row.intervals = intervals.series;
  if (counters.after) row.anatomy = anatomyBetween(counters.before, counters.after, windows, target.model);
  return { row, hlog: intervalLogText(intervals, describe(row)) };
}


/** The point as the .hlog's header names it: "capacity event-loop c=16 R=12000". */
function describe(row: ResultRow): string {
  return `${row.scenario} ${row.model} c=${row.connections} ${row.messageSize} B${row.targetRate === undefined ? '' : ` R=${row.targetRate}`}`;
}
