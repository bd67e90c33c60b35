/**
 * The abandoned scenario against one running server: busy connections each get one echo and then
 * stay open and silent, holding every slot of a capped model; clients connect and leave; once the
 * server has taken them in, the busy connections close and one new client is timed to its first echo.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { abandonedRow } from '../rows/abandoned-row.js';
import { abandonedCount, tookIn } from '../rows/departure-counts.js';
import type { GeneratorPool } from '../load/generator-pool.js';
import { evenShare } from '../load/even-share.js';
import { busySpecs } from '../load/load-specs.js';
import type { Placement, ResultRow } from '../../results/schema.js';
import type { ServerUnderTest } from './server-under-test.js';
import type { Timing } from '../plan/timing.js';
import { samplerFor } from '../server/server-sampler.js';
import type { PointOf } from '../../scenarios/scenario.js';
import { warmUp } from '../load/warm-up.js';
import { anatomyBetween, readAnatomy } from './anatomy-read.js';
import type { ModelStats } from '../../models/model.js';

/** Beyond the deadline, time for a generator to close its sockets and report. */
const REPORT_MARGIN_MS = 15_000;
const POLL_MS = 20;

/** Until the server has queued or dropped every departed client (models with a queue), or `until`. */
async function settle(stats: () => Promise<ModelStats | undefined>, before: ModelStats | undefined, departed: number, until: number): Promise<void> {
  while (Date.now() < until) {
    if (tookIn(before, await stats(), departed) !== false) return;
    await delay(POLL_MS);
  }
}

export async function runAbandoned(point: PointOf<'abandoned'>, target: ServerUnderTest, timing: Timing, pool: GeneratorPool, placement: Placement): Promise<ResultRow> {
  const { clients, deadlineSec } = point.abandon;
  const deadlineMs = deadlineSec * 1000;
  const processes = Array.from({ length: pool.size }, (_, i) => i);
  busySpecs(point, target, timing, pool.size).forEach((spec, i) => pool.send(i, { type: 'start', spec }));
  await pool.collect('started', timing.connectTimeoutMs + 10_000);
  // Busy: every connection answered once, or provably waiting in the model's queue (its slots are full).
  const warmedUp = await warmUp(pool, timing.warmupMs, target.stats);
  const stats = () => target.stats?.().catch(() => undefined) ?? Promise.resolve(undefined);
  const before = await stats();

  const sampler = samplerFor(target);
  sampler?.start();
  let server: ResultRow['server'] | undefined;
  try {
    const startedAt = Date.now();
    // The anatomy spans the departures up to the new client's first echo: what the departed clients cost.
    const counters = readAnatomy(target, pool);
    for (const i of processes) pool.send(i, { type: 'depart', request: { clients: evenShare(clients, pool.size, i), bytes: point.departureBytes, deadlineMs, serverPid: pool.where(i) === 'local' ? target.pid : undefined } });
    const departures = (await pool.collect('departed', deadlineMs + REPORT_MARGIN_MS)).map((m) => m.report);
    await settle(stats, before, departures.reduce((sum, d) => sum + d.departed, 0), startedAt + deadlineMs);
    for (const i of processes) pool.send(i, { type: 'probe', probe: i === 0 });
    const [probe, ...otherProbes] = (await pool.collect('probed', deadlineMs + REPORT_MARGIN_MS)).map((m) => m.report);
    const anatomy = anatomyBetween(counters, readAnatomy(target, pool), [], target.model);
    server = await sampler?.stop();
    const serverAbandoned = abandonedCount(before, await stats());
    const row = abandonedRow({ point, model: target.model, placement, warmedUp, departures, probe: probe!, otherProbes, serverAbandoned, server });
    return { ...row, anatomy: { ...anatomy, connectionsCompleted: departures.reduce((sum, d) => sum + d.departed, 0) } };
  } finally {
    if (!server) void sampler?.stop(); // a generator that failed must not leave the sampling timer running
  }
}
