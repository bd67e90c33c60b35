/**
 * The connections scenario against one model: for each of its series (connection-series.ts) a fresh
 * server, its memory (PSS) read idle, then connections opened in steps and held live. Before each step
 * the step is projected (step-projection.ts); a step that would pass the machine's memory bound, the
 * open-file limit or the time budget is recorded as projected, and so is every larger one after it.
 */
import { anatomyBetween, readAnatomy } from './anatomy-read.js';
import { performance } from 'node:perf_hooks';
import type { GeneratorPool } from '../load/generator-pool.js';
import { holdSpecs } from '../load/load-specs.js';
import { pinPrefix } from '../plan/placement.js';
import { failedStepRow, measuredStepRow, projectedRow, sumReports, type StepContext } from '../rows/connections-row.js';
import { kernelTcp, memAvailableBytes } from '../server/machine-memory.js';
import { treeUsage } from '../proc/proc.js';
import { TreeSampler } from '../server/sampler.js';
import { startServer, type ServerProcess } from '../server/server-process.js';
import { seriesFor, type ConnectionSeries } from '../plan/connection-series.js';
import type { Timing } from '../plan/timing.js';
import { projectStep, type MeasuredStep } from '../rows/step-projection.js';
import type { Placement, ResultRow } from '../../results/schema.js';
import type { Point, PointOf } from '../../scenarios/scenario.js';
import type { ModelId } from '../../models/ids.js';
import { openFileLimit } from '../../shared/fd-limit.js';
import { toError } from '../../shared/to-error.js';

/** Before the first step no cost is measured: assume a whole Node process per connection (the reference run's fork RSS is below it). */
export const PRIOR_BYTES_PER_CONNECTION = 64 * 2 ** 20;
/** Beyond the deadline, time for the generators to open a step's connections and report. */
const REPORT_MARGIN_MS = 60_000;

export interface ConnectionsRun {
  model: ModelId;
  /** One point per step (the scenario's `connections`), any order. */
  points: readonly Point[];
  placement: Placement;
  timing: Timing;
  pool: GeneratorPool;
  /** The server now running (undefined between series), so an abort can kill it. */
  onServer(server: ServerProcess | undefined): void;
  pointStarted(point: Point): void;
  row(row: ResultRow): void;
}

export async function runConnections(run: ConnectionsRun): Promise<void> {
  const points = [...run.points].sort((a, b) => a.connections - b.connections);
  const fileLimit = openFileLimit() ?? Number.MAX_SAFE_INTEGER;
  let raised: SeriesResult | undefined;
  for (const series of seriesFor(run.model, points.map((p) => p.connections), fileLimit)) {
    if (series.series !== 'default') {
      raised = await runSeries(run, points, series);
      continue;
    }
    // At its default cap a model runs as with the cap raised up to that cap: those steps are not run twice.
    // The raised series' largest step within the cap is where the default one starts from (and projects from).
    const within = raised?.measured.filter((step) => step.connections <= series.cap!).at(-1);
    const seed = within && raised!.baselinePssBytes !== null ? { last: within, baselinePssBytes: raised!.baselinePssBytes } : undefined;
    await runSeries(run, points.filter((point) => point.connections > series.cap!), series, seed);
  }
}

interface SeriesResult {
  measured: MeasuredStep[];
  baselinePssBytes: number | null;
}

/** The series' steps in order; its server starts at the first step that is to run (none if every step is projected). */
async function runSeries(
  run: ConnectionsRun,
  points: readonly Point[],
  series: ConnectionSeries,
  seed?: { last: MeasuredStep; baselinePssBytes: number },
): Promise<SeriesResult> {
  const result: SeriesResult = { measured: [], baselinePssBytes: seed?.baselinePssBytes ?? null };
  if (points.length === 0) return result;
  const hold = points[0]!.hold!;
  const startedAt = performance.now();
  let server: ServerProcess | undefined;
  let failure: string | undefined;
  let baselinePssBytes = seed?.baselinePssBytes ?? null;
  let last: MeasuredStep | null = seed?.last ?? null;
  let held = 0; // connections this series' server holds
  let projected: string | undefined;
  try {
    for (const point of points) {
      run.pointStarted(point);
      const safetyBoundBytes = (memAvailableBytes() ?? 0) / 2;
      const projection = projectStep({
        step: point.connections,
        last,
        baselinePssBytes: baselinePssBytes ?? 0,
        priorBytesPerConnection: PRIOR_BYTES_PER_CONNECTION,
        safetyBoundBytes,
        connectionLimit: series.limit,
        cap: series.cap,
        deadlineMs: hold.deadlineSec * 1000,
        elapsedMs: performance.now() - startedAt,
        budgetMs: hold.budgetSec * 1000,
      });
      const step = (baseline: number | null): StepContext => ({ point, model: run.model, placement: run.placement, series, projection, safetyBoundBytes, baselinePssBytes: baseline });
      // Connections are held from step to step: once one is skipped, every larger one is too.
      projected ??= failure ? undefined : (projection.reason ?? undefined);
      if (projected) {
        run.row(projectedRow({ ...step(baselinePssBytes), projection: { ...projection, reason: projection.reason ?? `a smaller step was not run (${projected})` } }));
        continue;
      }
      if (!server && !failure) {
        try {
          server = await startServer(run.model, { args: ['--log-level', 'warn', '--grace', '1', ...series.args], prefix: pinPrefix(run.placement.serverCpus) });
          run.onServer(server);
          baselinePssBytes = result.baselinePssBytes = treeUsage(server.pid, { pss: true }).pssBytes ?? null;
          if (baselinePssBytes === null) failure = 'the server memory (PSS) could not be read';
        } catch (error) {
          failure = `did not start: ${toError(error).message}`;
        }
        run.pool.ensure(run.placement.generatorCpus);
      }
      if (failure || !server) {
        run.row(failedStepRow(step(baselinePssBytes), failure ?? 'no server'));
        continue;
      }
      const row = await measureStep(run, step(baselinePssBytes), server, held);
      const pssBytes = row.connectionsStep!.pssBytes;
      if (pssBytes === null) failure = `an earlier step failed: ${row.failure}`;
      else {
        last = { connections: point.connections, pssBytes, added: point.connections - held, startMs: row.connectionsStep!.startMs, wallMs: activeMs(row, hold.deadlineSec * 1000) };
        result.measured.push(last);
        held = point.connections;
      }
      run.row(row);
    }
  } finally {
    if (server) {
      await release(run.pool);
      await server.stop(5_000);
      run.onServer(undefined);
    }
  }
  return result;
}

async function measureStep(run: ConnectionsRun, step: StepContext, server: ServerProcess, held: number): Promise<ResultRow> {
  const { point } = step;
  const hold = point.hold!;
  const sampler = new TreeSampler(server.pid);
  const began = performance.now();
  sampler.start();
  const counters = readAnatomy({ pid: server.pid }, run.pool);
  try {
    const added = point.connections - held;
    holdSpecs(point as PointOf<'connections'>, server, run.timing, run.pool.size, held).forEach((spec, i) => run.pool.send(i, { type: 'hold', spec }));
    // A busy server extends the wait (see hold-load.ts): allow it the series' whole budget.
    const reports = (await run.pool.collect('held', hold.budgetSec * 1000 + 2 * hold.deadlineSec * 1000 + REPORT_MARGIN_MS)).map((m) => m.report);
    const sampled = sampler.stop();
    // What the step's new connections cost to accept, start serving and hold: its anatomy per connection added.
    const anatomy = { ...anatomyBetween(counters, readAnatomy({ pid: server.pid }, run.pool), [], run.model), connectionsCompleted: added };
    const row = { ...measuredStepRow(step, sumReports(reports), sampled, kernelTcp(), (performance.now() - began) / 1000), anatomy };
    const died = server.child.exitCode !== null || server.child.signalCode !== null;
    return died ? { ...row, status: 'failed', failure: `server exited (${server.child.signalCode ?? `code ${server.child.exitCode}`})` } : { ...row, client: { ...row.client, processes: run.pool.size } };
  } catch (error) {
    sampler.stop();
    run.pool.kill(); // a generator that failed may still hold connections
    return failedStepRow(step, toError(error).message);
  }
}

/** Close every held connection; generators that cannot (killed after a failure) are killed, which closes theirs. */
async function release(pool: GeneratorPool): Promise<void> {
  try {
    for (let i = 0; i < pool.size; i++) pool.send(i, { type: 'release' });
    await pool.collect('released', 10_000);
  } catch {
    pool.kill();
  }
}

/** The step's time but for its last wait, the deadline spent on connections left queued (which start nothing). */
function activeMs(row: ResultRow, deadlineMs: number): number {
  return Math.max(0, row.durationSec * 1000 - ((row.connectionsStep!.queued ?? 0) > 0 ? deadlineMs : 0));
}
