/**
 * The suite: every planned scenario against every selected model. Each (scenario, model) gets a fresh
 * server started through `serve` (pinned), then runs the scenario's points against it (a new server
 * where a point needs other serve flags or CPUs); each point's repeats are consecutive measured
 * windows. A server that fails marks its rows failed; the suite goes on.
 */
import { GeneratorPool } from '../load/generator-pool.js';
import { pinPrefix, type Placements } from '../plan/placement.js';
import { killTree } from '../server/server-process.js';
import { startServer, type ServerProcess } from '../server/server-process.js';
import { startRemoteServer, type RemoteServerProcess } from '../server/remote-server.js';
import type { HostSpec } from '../transport/host-spec.js';
import { failedRow, markFailed } from '../rows/failed-row.js';
import type { ResultRow, WorkCalibration } from '../../results/schema.js';
import { roundsPerBlock } from '../plan/work-calibration.js';
import { runAbandoned } from './run-abandoned.js';
import { runConnections } from './run-connections.js';
import { runPoint } from './run-point.js';
import type { RowAndLog } from '../rows/interval-log.js';
import { unlessServerLost } from './unless-lost.js';
import { runSearch } from './run-search.js';
import type { ServerUnderTest } from './server-under-test.js';
import { scenarioTiming, type Timing } from '../plan/timing.js';
import type { ScenarioPlan } from '../../scenarios/plan.js';
import type { Point, Scenario } from '../../scenarios/scenario.js';
import type { ModelId } from '../../models/ids.js';
import { toError } from '../../shared/to-error.js';
import { variantFlags } from '../../scenarios/variants.js';

export interface SuitePlan {
  /** Each scenario expanded into its points, once, by the caller. */
  scenarios: readonly ScenarioPlan[];
  models: readonly (ModelId | 'external')[];
  /** Every server-cores kind the points name, planned once per run. */
  placements: Placements;
  timing: Timing;
  generators: number;
  /** --target: an external echo server instead of our models. */
  target?: { host: string; port: number };
  /** --server-host: our models run on that host, started over ssh. */
  serverHost?: HostSpec;
  /** --generator-hosts: generator processes there too. */
  generatorHosts?: HostSpec[];
  /** --ssh, as argv. */
  ssh?: string[];
  /** The run's one calibration of the work hash: every server with work burns the rounds it gives (absent: each server calibrates on its own). */
  workCalibration?: WorkCalibration;
}

export interface SuiteEvents {
  pointStarted(point: Point, model: string): void;
  /** hlog: the row's interval log, where it has one (the results writer files it beside results.json). */
  row(row: ResultRow, hlog?: string): void;
  scenarioDone(scenario: Scenario, rows: ResultRow[]): void;
}

export class SuiteAborted extends Error {
  override readonly name = 'SuiteAborted';
}

/** Runs the suite; `signal` aborts it (Ctrl-C): the current server and generators are killed. */
export async function runSuite(plan: SuitePlan, events: SuiteEvents, signal: AbortSignal): Promise<void> {
  const pool = new GeneratorPool(plan.generators, { hosts: plan.generatorHosts ?? [], ssh: plan.ssh ?? ['ssh'] });
  let server: ServerProcess | RemoteServerProcess | undefined;
  const onAbort = () => {
    if (server) killTree(server.pid);
    pool.kill();
  };
  signal.addEventListener('abort', onAbort);
  try {
    for (const { scenario, points } of plan.scenarios) {
      const rows: ResultRow[] = [];
      const timing = scenarioTiming(plan.timing, scenario);
      for (const model of plan.models) {
        if (scenario.kind === 'connections' && model !== 'external') {
          // Steps of held connections: its own runner starts a server per series (bench refuses --target here).
          await runConnections({
            model,
            points,
            placement: plan.placements.get(points[0]!.serverCores)!,
            timing: plan.timing,
            pool,
            onServer: (started) => (server = started),
            pointStarted: (point) => events.pointStarted(point, model),
            row: (row) => {
              rows.push(row);
              events.row(row);
            },
          });
          if (signal.aborted) throw new SuiteAborted();
          continue;
        }
        // The model as it starts by default, then each variant the scenario asks of it (its own server, its own rows).
        const starts = variantFlags(scenario.variants, model).flatMap((flags) => serverGroups(points).map((group) => ({ flags, group })));
        for (const { flags, group } of starts) {
          if (signal.aborted) throw new SuiteAborted();
          const placement = plan.placements.get(group[0]!.serverCores)!;
          const args = [...serverArgs(group[0]!, plan.workCalibration), ...flags];
          const variant = flags.length > 0 ? { serveFlags: [...flags] } : {};
          const label = [model, ...flags].join(' ');
          let failure: string | undefined;
          try {
            if (model !== 'external' && plan.serverHost) server = await startRemoteServer(model, args, plan.serverHost, plan.ssh ?? ['ssh']);
            else if (model !== 'external') server = await startServer(model, { args, prefix: pinPrefix(placement.serverCpus) });
          } catch (error) {
            failure = `did not start: ${toError(error).message}`;
          }
          for (const point of group) {
            if (signal.aborted) throw new SuiteAborted();
            events.pointStarted(point, label);
            let measured: RowAndLog;
            let searched: RowAndLog[] = [];
            if (failure) measured = { row: failedRow(point, model, placement, timing.windowMs / 1000, failure) };
            else {
              pool.ensure(placement.generatorCpus);
              const target: ServerUnderTest = server
                ? 'sampler' in server
                  ? { model, host: server.host, port: server.port, pid: undefined, stats: server.stats, sampler: server.sampler }
                  : { model, host: server.host, port: server.port, pid: server.pid, stats: server.stats }
                : { model, host: plan.target!.host, port: plan.target!.port, pid: undefined, stats: undefined };
              try {
                if (point.kind === 'capacity') {
                  // A capacity search: every step is a row, the last one carries the answer.
                  searched = await unlessServerLost(runSearch(point, target, timing, pool, placement), server, () => pool.kill());
                  measured = searched.pop()!;
                } else {
                  const running = point.kind === 'abandoned' ? runAbandoned(point, target, timing, pool, placement).then((row) => ({ row })) : runPoint(point, target, timing, pool, placement);
                  measured = await unlessServerLost(running, server, () => pool.kill());
                }
              } catch (error) {
                if (signal.aborted) throw new SuiteAborted();
                // A generator that failed may still hold connections or timers: start the next point with fresh ones.
                pool.kill();
                measured = { row: failedRow(point, model, placement, timing.windowMs / 1000, toError(error).message) };
              }
              const died = server && (server.child.exitCode !== null || server.child.signalCode !== null);
              if (died) {
                failure = `server exited (${server!.child.signalCode ?? `code ${server!.child.exitCode}`}): ${lastLine(server!.stderr())}`;
                measured = { ...measured, row: markFailed(measured.row, failure) };
              }
            }
            for (const { row: step, hlog } of [...searched, { ...measured, row: { ...measured.row, ...variant } }]) {
              // An external server's row names it: the harness did not start it, so its model says little.
              const worked = withWorkRounds(step, point, plan.workCalibration);
              const named = plan.target ? { ...worked, target: plan.target } : plan.serverHost ? onServerHost(worked, plan.serverHost) : worked;
              rows.push(named);
              events.row(named, hlog);
            }
          }
          if (server) await server.stop(5_000);
          server = undefined;
        }
      }
      events.scenarioDone(scenario, rows);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (server) await server.stop(2_000).catch(() => killTree(server!.pid));
    pool.kill();
  }
}

/**
 * The serve flags a point needs: quiet logs, a short grace, and the scenario's CPU work per message,
 * charged per message (one block of its size): as the run's calibration's rounds where there is one.
 */
export function serverArgs(point: Point, calibration?: WorkCalibration): string[] {
  const args = ['--log-level', 'warn', '--grace', '2'];
  if (point.workUsPerMessage > 0) {
    args.push('--work-us', String(point.workUsPerMessage), '--work-bytes', String(point.messageSize));
    if (calibration) args.push('--work-rounds', String(roundsPerBlock(calibration, point.workUsPerMessage)));
  }
  return args;
}

/** A row with work records the rounds its server burned per message (null: the server calibrated on its own). */
function withWorkRounds(row: ResultRow, point: Point, calibration: WorkCalibration | undefined): ResultRow {
  if (point.workUsPerMessage <= 0 || row.model === 'external') return row;
  return { ...row, workRoundsPerMessage: calibration ? roundsPerBlock(calibration, point.workUsPerMessage) : null };
}

/** Consecutive points one server start can serve: the same serve flags, on the same CPUs. */
export function serverGroups(points: readonly Point[]): Point[][] {
  const key = (point: Point) => [...serverArgs(point), point.serverCores].join(' ');
  const groups: Point[][] = [];
  for (const point of points) {
    const last = groups.at(-1);
    if (last && key(last[0]!) === key(point)) last.push(point);
    else groups.push([point]);
  }
  return groups;
}

/** A row of a server on another host: where it ran, also in the placement note (it ran unpinned there, on all that host's CPUs). */
function onServerHost(row: ResultRow, host: HostSpec): ResultRow {
  return { ...row, serverHost: host.label, placement: { ...row.placement, note: `server on ${host.label} (all its CPUs, unpinned); ${row.placement.note}` } };
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
