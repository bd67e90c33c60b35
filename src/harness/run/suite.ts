/**
 * The suite: every selected scenario against every selected model. Each (scenario, model) gets a fresh
 * server started through `serve` (pinned), then runs the scenario's points against it; each point's
 * repeats are consecutive measured windows. A server that fails marks its rows failed; the suite goes on.
 */
import { GeneratorPool } from '../load/generator-pool.js';
import { planPlacement, pinPrefix } from '../plan/placement.js';
import { killTree } from '../server/server-process.js';
import { startServer, type ServerProcess } from '../server/server-process.js';
import { emptyRow } from '../rows/empty-row.js';
import type { ResultRow } from '../../results/schema.js';
import { runAbandoned } from './run-abandoned.js';
import { runPoint, type Timing } from './run-point.js';
import { expand, type Overrides, type Point, type Scenario } from '../../scenarios/scenario.js';
import type { ModelId } from '../../models/ids.js';
import { toError } from '../../shared/to-error.js';

export interface SuitePlan {
  scenarios: readonly Scenario[];
  models: readonly (ModelId | 'external')[];
  overrides: Overrides;
  timing: Timing;
  generators: number;
  /** --target: an external echo server instead of our models. */
  target?: { host: string; port: number };
}

export interface SuiteEvents {
  pointStarted(point: Point, model: string): void;
  row(row: ResultRow): void;
  scenarioDone(scenario: Scenario, rows: ResultRow[]): void;
}

export class SuiteAborted extends Error {
  override readonly name = 'SuiteAborted';
}

/** Runs the suite; `signal` aborts it (Ctrl-C): the current server and generators are killed. */
export async function runSuite(plan: SuitePlan, events: SuiteEvents, signal: AbortSignal): Promise<void> {
  const pool = new GeneratorPool(plan.generators);
  let server: ServerProcess | undefined;
  const onAbort = () => {
    if (server) killTree(server.pid);
    pool.kill();
  };
  signal.addEventListener('abort', onAbort);
  try {
    for (const scenario of plan.scenarios) {
      const rows: ResultRow[] = [];
      const points = expand(scenario, plan.overrides);
      const placement = planPlacement(scenario.serverCores ?? 'rest');
      for (const model of plan.models) {
        if (signal.aborted) throw new SuiteAborted();
        let failure: string | undefined;
        try {
          if (model !== 'external') server = await startServer(model, { args: serverArgs(points[0]!), prefix: pinPrefix(placement.serverCpus) });
        } catch (error) {
          failure = `did not start: ${toError(error).message}`;
        }
        for (const point of points) {
          if (signal.aborted) throw new SuiteAborted();
          events.pointStarted(point, model);
          let row: ResultRow;
          if (failure) row = failedRow(point, model, plan.timing, placement, failure);
          else {
            pool.ensure(placement.generatorCpus);
            const target = server
              ? { model, host: server.host, port: server.port, pid: server.pid, stats: server.stats }
              : { model, host: plan.target!.host, port: plan.target!.port, pid: undefined, stats: undefined };
            try {
              row = await (point.abandon ? runAbandoned : runPoint)(point, target, plan.timing, pool, placement);
            } catch (error) {
              if (signal.aborted) throw new SuiteAborted();
              // A generator that failed may still hold connections or timers: start the next point with fresh ones.
              pool.kill();
              row = failedRow(point, model, plan.timing, placement, toError(error).message);
            }
            const died = server && (server.child.exitCode !== null || server.child.signalCode !== null);
            if (died) {
              failure = `server exited (${server!.child.signalCode ?? `code ${server!.child.exitCode}`}): ${lastLine(server!.stderr())}`;
              row = { ...row, status: 'failed', failure };
            }
          }
          rows.push(row);
          events.row(row);
        }
        if (server) await server.stop(5_000);
        server = undefined;
      }
      events.scenarioDone(scenario, rows);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (server) await server.stop(2_000).catch(() => killTree(server!.pid));
    pool.kill();
  }
}

/** The serve flags a point needs: quiet logs, a short grace, and the scenario's CPU work per message. */
export function serverArgs(point: Point): string[] {
  const args = ['--log-level', 'warn', '--grace', '2'];
  if (point.workUsPerMessage > 0) args.push('--work-us', String(point.workUsPerMessage), '--work-bytes', String(point.messageSize));
  return args;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

function failedRow(point: Point, model: ResultRow['model'], timing: Timing, placement: ResultRow['placement'], failure: string): ResultRow {
  const row = emptyRow(point, model, placement, timing.windowMs / 1000);
  return { ...row, status: 'failed', failure, fairness: { ...row.fairness, starved: point.connections } };
}

