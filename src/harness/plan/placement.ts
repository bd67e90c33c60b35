/**
 * CPU placement: on a machine with 2+ cores, the server and the load generator are pinned to
 * disjoint CPUs with taskset so they do not compete; a CPU-bound scenario may give the server
 * every core (the generator needs little there). Without taskset, everything runs unpinned. An
 * external server is not ours to place: only the generator is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Placement, ServerCores } from '../../results/schema.js';

export function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

const list = (cpus: number[]) => cpus.join(',');

/** Each server-cores kind a run needs, planned once (taskset is looked for once). */
export type Placements = ReadonlyMap<ServerCores, Placement>;

export function planPlacements(kinds: Iterable<ServerCores>, cores = availableParallelism(), taskset = hasTaskset()): Placements {
  return new Map([...new Set(kinds)].map((kind) => [kind, planPlacement(kind, cores, taskset)]));
}

/** `serverCores`: 'rest' (all but the generator's) or 'all' (CPU-bound scenarios). */
export function planPlacement(serverCores: ServerCores, cores = availableParallelism(), taskset = hasTaskset()): Placement {
  if (cores < 2 || !taskset) {
    return {
      pinned: false,
      serverCpus: null,
      generatorCpus: null,
      note: cores < 2 ? 'unpinned: only one CPU' : 'unpinned: taskset not found, server and generator compete for CPUs',
    };
  }
  const all = Array.from({ length: cores }, (_, i) => i);
  const generatorCpus = [cores - 1];
  const serverCpus = serverCores === 'all' ? all : all.slice(0, -1);
  const shared = serverCores === 'all' ? ' (shared: CPU-bound scenario)' : '';
  return {
    pinned: true,
    serverCpus,
    generatorCpus,
    note: `server on cpu ${list(serverCpus)}, generator on cpu ${list(generatorCpus)}${shared} (taskset)`,
  };
}

/**
 * Against an external server (--target), which the harness neither starts nor pins: where the generator
 * runs, the same for every server-cores kind, and nothing said about the server.
 */
export function planGeneratorPlacements(kinds: Iterable<ServerCores>, cores = availableParallelism(), taskset = hasTaskset()): Placements {
  const placement = generatorPlacement(cores, taskset);
  return new Map([...new Set(kinds)].map((kind) => [kind, placement]));
}

function generatorPlacement(cores: number, taskset: boolean): Placement {
  if (cores < 2 || !taskset) {
    return { pinned: false, serverCpus: null, generatorCpus: null, note: cores < 2 ? 'generator unpinned: only one CPU' : 'generator unpinned: taskset not found' };
  }
  const generatorCpus = [cores - 1];
  return { pinned: true, serverCpus: null, generatorCpus, note: `generator on cpu ${list(generatorCpus)} (taskset)` };
}

/** The command prefix that starts a process on these CPUs. */
export function pinPrefix(cpus: number[] | null): string[] {
  return cpus ? ['taskset', '-c', list(cpus)] : [];
}

/** Pin a running process and all its threads. */
export function pinProcess(pid: number, cpus: number[] | null): void {
  if (cpus) execFileSync('taskset', ['-a', '-p', '-c', list(cpus), String(pid)], { stdio: 'ignore' });
}
