/**
 * The connections scenario against one model: for each of its series (connection-series.ts) a server
 * start, its memory (PSS) read idle, then connections opened in steps and held live. Before each step
 * the step is projected (step-projection.ts); a step that would pass the machine's memory bound, the
 * open-file limit or the time budget is recorded as projected, and so is every larger one after it.
 * The suite's server life cycle starts a series' server at its first step that is to run (none if
 * every step is projected).
 */
import { anatomyBetween, readAnatomy } from './anatomy-read.js';
import { performance } from 'node:perf_hooks';
import type { GeneratorPool } from '../load/generator-pool.js';
import { holdSpecs } from '../load/load-specs.js';
import { failedStepRow, measuredStepRow, projectedRow, sumReports, type StepContext } from '../rows/connections-row.js';
import { kernelTcp, memAvailableBytes } from '../server/machine-memory.js';
import { treeUsage } from '../proc/proc.js';
import { TreeSampler } from '../server/sampler.js';
import { seriesFor, type ConnectionSeries } from '../plan/connection-series.js';
import type { ServerUnderTest } from './server-under-test.js';
import { projectStep, type MeasuredStep } from '../rows/step-projection.js';
import type { ResultRow } from '../../results/schema.js';
import type { PointOf } from '../../scenarios/scenario.js';
import { openFileLimit } from '../../shared/fd-limit.js';
import { toError } from '../../shared/to-error.js';
import type { RowAndLog } from '../rows/interval-log.js';
import type { ServerStart, StartContext } from './server-start.js';

type Step = PointOf<'connections'>;

/** Before the first step no cost is measured: assume a whole Node process per connection (the reference run's fork RSS is below it). */
const PRIOR_BYTES_PER_CONNECTION = 64 * 2 ** 20;
/** Beyond the deadline, time for the generators to open a step's connections and report. */
const REPORT_MARGIN_MS = 60_000;

/** One server start per series, steps in ascending order. */
export function connectionsStarts(given: readonly Step[], context: StartContext): ServerStart<Step>[] {
  const points = [...given].sort((a, b) => a.connections - b.connections);
  const fileLimit = openFileLimit() ?? Number.MAX_SAFE_INTEGER;
  let raised: SeriesRun | undefined;
  return seriesFor(context.model, points.map((p) => p.connections), fileLimit).map((series) => {
    if (series.series !== 'default') return (raised = new SeriesRun(context, points, series));
    // At its default cap a model runs as with the cap raised up to that cap: those steps are not run twice.
    // The raised series' largest step within the cap is where the default one starts from (and projects from).
    return new SeriesRun(context, points.filter((point) => point.connections > series.cap!), series, () => {
      const within = raised?.measured.filter((step) => step.connections <= series.cap!).at(-1);
      return within && raised!.baselinePssBytes !== null ? { last: within, baselinePssBytes: raised!.baselinePssBytes } : undefined;
    });
  });
}

/** One series' steps, held from step to step on its server. */
class SeriesRun implements ServerStart<Step> {
  readonly variant: readonly string[] = [];
  readonly flags: readonly string[];
  readonly measured: MeasuredStep[] = [];
  baselinePssBytes: number | null = null;
  private last: MeasuredStep | null = null;
  private held = 0; // connections this series' server holds
  private startedAt: number | undefined;
  private projected: string | undefined;
  private failure: string | undefined;
  private readonly steps = new Map<Step, StepContext>();

  constructor(
    private readonly context: StartContext,
    readonly points: readonly Step[],
    private readonly series: ConnectionSeries,
    private readonly seed: () => { last: MeasuredStep; baselinePssBytes: number } | undefined = () => undefined,
  ) {
    this.flags = series.args;
  }

  skip(point: Step): ResultRow | undefined {
    const step = this.step(point);
    if (this.failure) return failedStepRow(step, this.failure);
    // Connections are held from step to step: once one is skipped, every larger one is too.
    this.projected ??= step.projection.reason ?? undefined;
    if (!this.projected) return undefined;
    return projectedRow({ ...step, projection: { ...step.projection, reason: step.projection.reason ?? `a smaller step was not run (${this.projected})` } });
  }

  started(target: ServerUnderTest): string | undefined {
    this.baselinePssBytes = treeUsage(target.pid!, { pss: true }).pssBytes ?? null;
    return this.baselinePssBytes === null ? 'the server memory (PSS) could not be read' : undefined;
  }

  async run(point: Step, target: ServerUnderTest): Promise<RowAndLog[]> {
    const row = await measureStep(this.context.pool, { ...this.steps.get(point)!, baselinePssBytes: this.baselinePssBytes }, target, this.held, this.context.timing.connectTimeoutMs);
    const pssBytes = row.connectionsStep!.pssBytes;
    if (pssBytes === null) this.failure = `an earlier step failed: ${row.failure}`;
    else {
      this.last = { connections: point.connections, pssBytes, added: point.connections - this.held, startMs: row.connectionsStep!.startMs, wallMs: activeMs(row, point.hold.deadlineSec * 1000) };
      this.measured.push(this.last);
      this.held = point.connections;
    }
    return [{ row }];
  }

  failed(point: Step, failure: string): ResultRow {
    this.failure ??= failure;
    return failedStepRow({ ...this.step(point), baselinePssBytes: this.baselinePssBytes }, failure);
  }

  beforeStop(): Promise<void> {
    return release(this.context.pool);
  }

  /** The step's context, projected once, when it comes up. */
  private step(point: Step): StepContext {
    const known = this.steps.get(point);
    if (known) return known;
    if (this.startedAt === undefined) {
      // The series begins with its first step: where the raised series left off, for the default one.
      this.startedAt = performance.now();
      const seed = this.seed();
      this.baselinePssBytes = seed?.baselinePssBytes ?? null;
      this.last = seed?.last ?? null;
    }
    const { hold } = point;
    const safetyBoundBytes = (memAvailableBytes() ?? 0) / 2;
    const projection = projectStep({
      step: point.connections,
      last: this.last,
      baselinePssBytes: this.baselinePssBytes ?? 0,
      priorBytesPerConnection: PRIOR_BYTES_PER_CONNECTION,
      safetyBoundBytes,
      connectionLimit: this.series.limit,
      cap: this.series.cap,
      deadlineMs: hold.deadlineSec * 1000,
      elapsedMs: performance.now() - this.startedAt!,
      budgetMs: hold.budgetSec * 1000,
    });
    const step = { point, model: this.context.model, placement: this.context.placementOf(point), series: this.series, projection, safetyBoundBytes, baselinePssBytes: this.baselinePssBytes };
    this.steps.set(point, step);
    return step;
  }
}

async function measureStep(pool: GeneratorPool, step: StepContext, target: ServerUnderTest, held: number, connectTimeoutMs: number): Promise<ResultRow> {
  const point = step.point as Step;
  const { hold } = point;
  const sampler = new TreeSampler(target.pid!);
  const began = performance.now();
  sampler.start();
  const counters = readAnatomy(target, pool);
  try {
    const added = point.connections - held;
    holdSpecs(point, target, { connectTimeoutMs }, pool.size, held).forEach((spec, i) => pool.send(i, { type: 'hold', spec }));
    // A busy server extends the wait (see hold-load.ts): allow it the series' whole budget.
    const reports = (await pool.collect('held', hold.budgetSec * 1000 + 2 * hold.deadlineSec * 1000 + REPORT_MARGIN_MS)).map((m) => m.report);
    const sampled = sampler.stop();
    // What the step's new connections cost to accept, start serving and hold: its anatomy per connection added.
    const anatomy = { ...anatomyBetween(counters, readAnatomy(target, pool), [], target.model), connectionsCompleted: added };
    const row = { ...measuredStepRow(step, sumReports(reports), sampled, kernelTcp(), (performance.now() - began) / 1000), anatomy };
    return { ...row, client: { ...row.client, processes: pool.size } };
  } catch (error) {
    sampler.stop();
    pool.kill(); // a generator that failed may still hold connections
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
