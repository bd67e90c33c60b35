/**
 * CPU placement: the server and the load generator are pinned (taskset) to disjoint CPUs of those the
 * harness may use (its affinity mask), so they do not compete. Planning is a pure function of that CPU
 * list and the options (--server-cpus, --generator-cpus, --generators), so it can be tested for any
 * machine and applied per host. The rule for the defaults is in docs/measurement.md ("Placement").
 * An external server is not ours to place: only the generator is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { formatCpuList } from '../../shared/cpu-list.js';
import { UsageError } from '../../shared/exit-codes.js';
import type { Placement, ServerCores } from '../../results/schema.js';
import { usableCpus } from './usable-cpus.js';

export function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** What placement is planned from: the CPUs the harness may use, and what the command line asked. */
export interface CpuRequest {
  /** The harness's affinity mask (usable-cpus.ts), sorted. */
  usable: readonly number[];
  taskset: boolean;
  /** --server-cpus, --generator-cpus: sorted lists, or undefined for the default. */
  serverCpus?: readonly number[];
  generatorCpus?: readonly number[];
  /** --generators N: generator processes (default: one per generator core). */
  generators?: number;
}

/** The run's CPU split, the same for every point; a point's server-cores kind then picks the server's share (placementFor). */
export interface CpuPlan {
  pinned: boolean;
  /** The server's own CPUs (no generator on them), in the order a server of k cores takes them. */
  serverCpus: readonly number[];
  generatorCpus: readonly number[];
  /** Generator processes; process i is pinned to generatorCpus[i mod the count]. */
  processes: number;
  /** Unpinned: why. */
  unpinnedBecause?: string;
}

/**
 * The default number of generator cores for a machine whose harness may use `cpus` CPUs: a quarter,
 * at least one. One Node generator process drives about one server core of the fastest model, which
 * is spread over several of them, so 1 : 3 keeps the fast models server-bound on large machines.
 */
export function defaultGeneratorCores(cpus: number): number {
  return Math.max(1, Math.floor(cpus / 4));
}

const outside = (cpus: readonly number[], usable: readonly number[]) => cpus.filter((cpu) => !usable.includes(cpu));

/** Validate the request against the mask and split the CPUs; a bad request is one UsageError. */
export function planCpus(request: CpuRequest): CpuPlan {
  const { usable, taskset, generators } = request;
  const mask = formatCpuList(usable);
  for (const [flag, cpus] of [['server-cpus', request.serverCpus], ['generator-cpus', request.generatorCpus]] as const) {
    if (!cpus) continue;
    const foreign = outside(cpus, usable);
    if (foreign.length > 0) throw new UsageError(`--${flag} names CPU ${formatCpuList(foreign)}, which this process may not use (its CPUs: ${mask})`);
    if (!taskset) throw new UsageError(`--${flag} needs taskset (util-linux) to pin processes, and it was not found`);
  }
  if (request.serverCpus && request.generatorCpus) {
    const shared = request.serverCpus.filter((cpu) => request.generatorCpus!.includes(cpu));
    if (shared.length > 0) throw new UsageError(`--server-cpus and --generator-cpus share CPU ${formatCpuList(shared)}: give each its own CPUs`);
  }
  const explicit = request.serverCpus !== undefined || request.generatorCpus !== undefined;
  if (!explicit && (usable.length < 2 || !taskset)) {
    return {
      pinned: false,
      serverCpus: [],
      generatorCpus: [],
      processes: generators ?? 1,
      unpinnedBecause: usable.length < 2 ? 'only one CPU' : 'taskset not found',
    };
  }
  const generatorCpus = request.generatorCpus ?? defaultGenerator(request);
  const serverCpus = request.serverCpus ?? usable.filter((cpu) => !generatorCpus.includes(cpu));
  if (serverCpus.length === 0) throw new UsageError(`--generator-cpus takes every CPU this process may use (${mask}): leave the server at least one`);
  return { pinned: true, serverCpus, generatorCpus, processes: generators ?? generatorCpus.length };
}

/** The last CPUs not given to the server: as many as --generators asks (leaving the server one), else the default count. */
function defaultGenerator({ usable, serverCpus, generators }: CpuRequest): number[] {
  const free = usable.filter((cpu) => !serverCpus?.includes(cpu));
  if (free.length === 0) throw new UsageError(`--server-cpus takes every CPU this process may use (${formatCpuList(usable)}): name --generator-cpus too`);
  const wanted = generators ?? defaultGeneratorCores(usable.length);
  // Without --server-cpus the server keeps at least one CPU of its own.
  const count = Math.min(wanted, serverCpus ? free.length : free.length - 1);
  return free.slice(-Math.max(1, count));
}

/**
 * The server's CPUs for one kind: 'rest' (its own), 'all' (every planned CPU, the generator's too:
 * CPU-bound scenarios, whose generator needs little) or k, the first k of its own then of the
 * generator's (a k above its own shares the generator's CPUs, and the note says so).
 */
export function placementFor(plan: CpuPlan, kind: ServerCores): Placement {
  const generatorNote = generatorText(plan);
  if (!plan.pinned) return { pinned: false, serverCpus: null, generatorCpus: null, note: `unpinned: ${plan.unpinnedBecause}${plan.unpinnedBecause === 'taskset not found' ? ', server and generator compete for CPUs' : ''}` };
  const order = [...plan.serverCpus, ...plan.generatorCpus];
  if (typeof kind === 'number' && kind > order.length) {
    throw new UsageError(`--server-cores ${kind}: the server can be given at most ${order.length} CPUs here (${formatCpuList(order)})`);
  }
  const serverCpus = kind === 'rest' ? [...plan.serverCpus] : kind === 'all' ? order : order.slice(0, kind);
  const shared = serverCpus.filter((cpu) => plan.generatorCpus.includes(cpu));
  const sharing = shared.length > 0 ? ` (sharing cpu ${formatCpuList(shared)} with the generator)` : '';
  return {
    pinned: true,
    serverCpus: serverCpus.sort((a, b) => a - b),
    generatorCpus: [...plan.generatorCpus],
    note: `server on cpu ${formatCpuList(serverCpus)}${sharing}, ${generatorNote} (taskset)`,
  };
}

/** Against an external server (--target), which the harness neither starts nor pins: only where the generator runs. */
function generatorPlacementFor(plan: CpuPlan): Placement {
  if (!plan.pinned) return { pinned: false, serverCpus: null, generatorCpus: null, note: `generator unpinned: ${plan.unpinnedBecause}` };
  return { pinned: true, serverCpus: null, generatorCpus: [...plan.generatorCpus], note: `${generatorText(plan)} (taskset)` };
}

/** "generator on cpu 7", "generator on cpu 6-7 (2 processes, one per core)", "3 generator processes on cpu 7". */
function generatorText({ generatorCpus, processes }: CpuPlan): string {
  const cpus = formatCpuList(generatorCpus);
  if (processes === 1 && generatorCpus.length <= 1) return `generator on cpu ${cpus}`;
  if (processes === generatorCpus.length) return `generator on cpu ${cpus} (${processes} processes, one per core)`;
  return `${processes} generator processes on cpu ${cpus} (each pinned to one of them in turn)`;
}

/** Each server-cores kind a run needs, placed once: every k is checked against the CPUs before anything runs. */
export type Placements = ReadonlyMap<ServerCores, Placement>;

export function placementsFor(plan: CpuPlan, kinds: Iterable<ServerCores>, target = false): Placements {
  return new Map([...new Set(kinds)].map((kind) => [kind, target ? generatorPlacementFor(plan) : placementFor(plan, kind)]));
}

/** The CPU plan of this machine with the default options: the first `cores` CPUs (tests simulate machines with it). */
function defaultCpuPlan(cores?: number, taskset = hasTaskset()): CpuPlan {
  const usable = cores === undefined ? usableCpus() : Array.from({ length: cores }, (_, i) => i);
  return planCpus({ usable, taskset });
}

export function planPlacements(kinds: Iterable<ServerCores>, cores?: number, taskset?: boolean): Placements {
  return placementsFor(defaultCpuPlan(cores, taskset), kinds);
}

export function planPlacement(kind: ServerCores, cores?: number, taskset?: boolean): Placement {
  return placementFor(defaultCpuPlan(cores, taskset), kind);
}

export function planGeneratorPlacements(kinds: Iterable<ServerCores>, cores?: number, taskset?: boolean): Placements {
  return placementsFor(defaultCpuPlan(cores, taskset), kinds, true);
}

/** The command prefix that starts a process on these CPUs. */
export function pinPrefix(cpus: readonly number[] | null): string[] {
  return cpus ? ['taskset', '-c', formatCpuList(cpus)] : [];
}

/** Pin a running process and all its threads. */
export function pinProcess(pid: number, cpus: readonly number[] | null): void {
  if (cpus) execFileSync('taskset', ['-a', '-p', '-c', formatCpuList(cpus), String(pid)], { stdio: 'ignore' });
}

/** Generator process i's CPU: each process its own core, in turn when there are more processes than cores. */
export function generatorCpuOf(generatorCpus: readonly number[] | null, index: number): number[] | null {
  return generatorCpus && generatorCpus.length > 0 ? [generatorCpus[index % generatorCpus.length]!] : null;
}
