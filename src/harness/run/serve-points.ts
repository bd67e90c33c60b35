/**
 * The one server life cycle, whatever the kind: a server start's points in order, its server started
 * at the first point that runs, checked for death after each point, and stopped after the last. A
 * server that fails marks the row it failed in and every later one of its start.
 */
import type { GeneratorPool } from '../load/generator-pool.js';
import { markFailed } from '../rows/failed-row.js';
import type { Placement } from '../../results/schema.js';
import type { RowAndLog } from '../rows/interval-log.js';
import type { Point } from '../../scenarios/scenario.js';
import { toError } from '../../shared/to-error.js';
import { killTree } from '../server/server-process.js';
import type { StartedServer } from '../server/started-server.js';
import type { ServerUnderTest } from './server-under-test.js';
import type { ServerStart } from './server-start.js';
import { unlessServerLost } from './unless-lost.js';

export class SuiteAborted extends Error {
  override readonly name = 'SuiteAborted';
}

export interface ServeContext {
  model: ServerUnderTest['model'];
  pool: GeneratorPool;
  placementOf(point: Point): Placement;
  /** Starts the model with these serve flags; undefined: an external server (--target), already running at `external`. */
  launch: ((args: string[], placement: Placement) => Promise<StartedServer>) | undefined;
  external?: { host: string; port: number };
  /** The serve flags a point needs of its server. */
  serverArgs(point: Point): string[];
  signal: AbortSignal;
  /** The server now running (undefined once stopped), so an abort can kill it. */
  onServer(server: StartedServer | undefined): void;
  pointStarted(point: Point, label: string): void;
  /** A point's rows, as its start made them. */
  rows(point: Point, rows: RowAndLog[], start: ServerStart): void;
}

export async function servePoints(start: ServerStart, context: ServeContext): Promise<void> {
  const { model, pool, signal } = context;
  const label = [model, ...start.variant].join(' ');
  let server: StartedServer | undefined;
  let failure: string | undefined;
  try {
    for (const point of start.points) {
      if (signal.aborted) throw new SuiteAborted();
      context.pointStarted(point, label);
      const placement = context.placementOf(point);
      let rows: RowAndLog[] | undefined = failure ? [{ row: start.failed(point, failure) }] : undefined;
      const skipped = rows ? undefined : start.skip?.(point);
      if (skipped) rows = [{ row: skipped }];
      if (!rows && !server && context.launch) {
        try {
          server = await context.launch([...context.serverArgs(point), ...start.variant, ...start.flags], placement);
          context.onServer(server);
          failure = start.started?.(targetOf(model, server));
        } catch (error) {
          failure = `did not start: ${toError(error).message}`;
        }
        if (failure) rows = [{ row: start.failed(point, failure) }];
      }
      if (!rows) {
        pool.ensure(placement.generatorCpus);
        try {
          rows = await unlessServerLost(start.run(point, server ? targetOf(model, server) : { model, ...context.external!, pid: undefined, stats: undefined }), server, () => pool.kill());
        } catch (error) {
          if (signal.aborted) throw new SuiteAborted();
          // A generator that failed may still hold connections or timers: start the next point with fresh ones.
          pool.kill();
          rows = [{ row: start.failed(point, toError(error).message) }];
        }
        const died = server?.exitNote();
        if (died) {
          failure = died;
          const last = rows.at(-1)!;
          rows = [...rows.slice(0, -1), { ...last, row: markFailed(last.row, died) }];
        }
      }
      context.rows(point, rows, start);
    }
  } finally {
    if (server) {
      await start.beforeStop?.();
      await server.stop(5_000).catch(() => killTree(server!.pid));
      context.onServer(undefined);
    }
  }
}

function targetOf(model: ServerUnderTest['model'], server: StartedServer): ServerUnderTest {
  return { model, host: server.host, port: server.port, pid: server.localPid, stats: () => server.stats(), sampler: (everyMs) => server.sampler(everyMs) };
}
