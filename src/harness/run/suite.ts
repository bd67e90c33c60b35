/**
 * The suite: every planned scenario against every selected model, one loop over the server starts
 * each kind's runner plans (kind-runners.ts), each run through the one server life cycle
 * (serve-points.ts): a fresh server through `serve` (pinned), its points in order, each point's
 * repeats consecutive measured windows. A server that fails marks its rows failed; the suite goes on.
 */
import { GeneratorPool } from '../load/generator-pool.js';
import { pinPrefix, type Placements } from '../plan/placement.js';
import { killTree, startServer } from '../server/server-process.js';
import { startRemoteServer } from '../server/remote-server.js';
import type { HostSpec } from '../transport/host-spec.js';
import type { ResultRow, WorkCalibration } from '../../results/schema.js';
import type { ScenarioKind } from '../../results/scenario-kind.js';
import { roundsPerBlock } from '../plan/work-calibration.js';
import { scenarioTiming, type Timing } from '../plan/timing.js';
import type { ScenarioPlan } from '../../scenarios/plan.js';
import type { Point, Scenario } from '../../scenarios/scenario.js';
import type { ModelId } from '../../models/ids.js';
import { KIND_RUNNERS } from './kind-runners.js';
import { serverArgs } from './server-args.js';
import { servePoints, SuiteAborted } from './serve-points.js';
import type { StartedServer } from '../server/started-server.js';
import type { ServerStart, StartContext } from './server-start.js';

export { SuiteAborted };

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

/** Runs the suite; `signal` aborts it (Ctrl-C): the current server and generators are killed. */
export async function runSuite(plan: SuitePlan, events: SuiteEvents, signal: AbortSignal): Promise<void> {
  const pool = new GeneratorPool(plan.generators, { hosts: plan.generatorHosts ?? [], ssh: plan.ssh ?? ['ssh'] });
  let server: StartedServer | undefined;
  const onAbort = () => {
    if (server) killTree(server.pid);
    pool.kill();
  };
  signal.addEventListener('abort', onAbort);
  const placementOf = (point: Point) => plan.placements.get(point.serverCores)!;
  try {
    for (const { scenario, points } of plan.scenarios) {
      const rows: ResultRow[] = [];
      const timing = scenarioTiming(plan.timing, scenario);
      for (const model of plan.models) {
        const starts = runnerOf(scenario.kind)(points, { model, variants: scenario.variants, timing, pool, placementOf });
        for (const start of starts) {
          await servePoints(start, {
            model,
            pool,
            placementOf,
            launch: launcher(plan, model),
            ...(plan.target ? { external: plan.target } : {}),
            serverArgs: (point) => serverArgs(point, plan.workCalibration),
            signal,
            onServer: (started) => (server = started),
            pointStarted: (point, label) => events.pointStarted(point, label),
            rows: (point, made, { variant }) => {
              for (const { row, hlog } of made) {
                const named = nameRow(row, point, variant, plan);
                rows.push(named);
                events.row(named, hlog);
              }
            },
          });
        }
      }
      events.scenarioDone(scenario, rows);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    pool.kill();
  }
}

/** A plan's points are of its scenario's kind (expand makes them so): the one place the kind's runner is taken for them. */
function runnerOf(kind: ScenarioKind): (points: readonly Point[], context: StartContext) => ServerStart[] {
  return KIND_RUNNERS[kind] as (points: readonly Point[], context: StartContext) => ServerStart[];
}

/** How the suite starts `model`: here, pinned; on --server-host over ssh; not at all for an external server. */
function launcher(plan: SuitePlan, model: ModelId | 'external'): ((args: string[], placement: { serverCpus: number[] | null }) => Promise<StartedServer>) | undefined {
  if (model === 'external') return undefined;
  if (plan.serverHost) return (args) => startRemoteServer(model, args, plan.serverHost!, plan.ssh ?? ['ssh']);
  return (args, placement) => startServer(model, { args, prefix: pinPrefix(placement.serverCpus) });
}

/**
 * The one place rows are named: a variant's serve flags, the work rounds its server burned, an
 * external server's address (the harness did not start it, so its model says little), or the host
 * a server ran on.
 */
function nameRow(row: ResultRow, point: Point, variant: readonly string[], plan: SuitePlan): ResultRow {
  const flagged = variant.length > 0 ? { ...row, serveFlags: [...variant] } : row;
  const worked = withWorkRounds(flagged, point, plan.workCalibration);
  return plan.target ? { ...worked, target: plan.target } : plan.serverHost ? onServerHost(worked, plan.serverHost) : worked;
}

/** A row with work records the rounds its server burned per message (null: the server calibrated on its own). */
function withWorkRounds(row: ResultRow, point: Point, calibration: WorkCalibration | undefined): ResultRow {
  if (point.workUsPerMessage <= 0 || row.model === 'external') return row;
  return { ...row, workRoundsPerMessage: calibration ? roundsPerBlock(calibration, point.workUsPerMessage) : null };
}

/** A row of a server on another host: where it ran, also in the placement note (it ran unpinned there, on all that host's CPUs). */
function onServerHost(row: ResultRow, host: HostSpec): ResultRow {
  return { ...row, serverHost: host.label, placement: { ...row.placement, note: `server on ${host.label} (all its CPUs, unpinned); ${row.placement.note}` } };
}
