/** Before a run: can this machine hold the scenario? Say what to change when it cannot. */
import { freemem } from 'node:os';
import { UsageError } from '../../shared/exit-codes.js';
import { openFileLimit } from '../../shared/fd-limit.js';
import { MODEL_DEFAULTS } from '../../models/options.js';
import type { ModelId } from '../../models/ids.js';
import type { Point } from '../../scenarios/scenario.js';
import { formatCpuList } from '../../shared/cpu-list.js';
import type { Placements } from './placement.js';

/** What one fork child costs in memory (Node 20; the reference run's churn and echo-small rows show 33 to 50 MiB). */
const NODE_PROCESS_BYTES = 50 * 2 ** 20;

export function preflight(all: readonly Point[], models: readonly (ModelId | 'external')[]): void {
  // The connections scenario projects each step against these limits itself, and runs only what fits.
  const points = all.filter((point) => point.kind !== 'connections');
  // Departing clients all connect at once: for a moment each holds a descriptor on both sides too.
  const connections = Math.max(0, ...points.map((p) => p.connections + p.idleConnections + (p.kind === 'abandoned' ? p.abandon.clients : 0)));
  const limit = openFileLimit() ?? Number.POSITIVE_INFINITY;
  // Each connection costs the generator one descriptor and the server one; leave room for the rest.
  const needed = connections + 256;
  if (needed > limit) {
    throw new UsageError(`${connections} connections need about ${needed} open files, the limit is ${limit}: raise it (ulimit -n ${needed}) or use fewer connections`);
  }
  if (models.includes('fork')) {
    const children = Math.min(connections, MODEL_DEFAULTS.maxChildren);
    const bytes = children * NODE_PROCESS_BYTES;
    if (bytes > freemem()) {
      throw new UsageError(
        `the fork model may run ${children} children (~${Math.round(bytes / 2 ** 20)} MiB) but only ${Math.round(freemem() / 2 ** 20)} MiB is free: use fewer connections or leave fork out (--models)`,
      );
    }
  }
}

/** Server CPUs one generator core can keep busy with the fastest models (see defaultGeneratorCores in placement.ts). */
const SERVER_CORES_PER_GENERATOR_CORE = 3;

/**
 * Before a run: where the generator is likely to be the bottleneck, so that fast models would be
 * client-bound (their rows marked, their msgs/s a lower bound). Warnings, not refusals: the run may
 * still be what the user wants (a core sweep of a CPU-bound scenario, say).
 */
export function generatorWarnings(points: readonly Point[], placements: Placements, processes: number): string[] {
  const warnings = new Set<string>();
  for (const point of points) {
    const { pinned, serverCpus, generatorCpus } = placements.get(point.serverCores)!;
    if (!pinned || !generatorCpus) continue;
    const cores = Math.min(processes, generatorCpus.length);
    if (processes > generatorCpus.length) {
      warnings.add(`${processes} generator processes share ${generatorCpus.length} generator CPU(s) (${formatCpuList(generatorCpus)}): each process gets less than a core, so the generator may limit the load`);
    }
    // Work per message makes the server the bottleneck whatever its core count: the generator needs little.
    if (serverCpus && point.workUsPerMessage === 0 && serverCpus.length > SERVER_CORES_PER_GENERATOR_CORE * cores) {
      warnings.add(
        `${point.scenario.name}: the server has ${serverCpus.length} CPUs and the generator ${cores} core(s), more than ${SERVER_CORES_PER_GENERATOR_CORE} server CPUs per generator core: ` +
          'fast models will likely be client-bound (a lower bound, marked); give the generator more with --generator-cpus or --generators',
      );
    }
  }
  return [...warnings];
}
