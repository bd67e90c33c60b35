/**
 * The connections scenario's series per model: a model without a cap runs once ('uncapped'); a capped
 * one (fork, worker, piscina) runs with its cap raised to the top step ('raised': what a process or a
 * thread per connection really costs) and at its default cap ('default': what the cap buys, flat memory
 * and queued connections), the latter only where some step exceeds that cap (below it both are the same).
 */
import { connectionLimit, FDS_PER_CHILD, FDS_PER_THREAD } from '../../shared/fd-limit.js';
import { MODEL_FLAGS } from '../../models/options.js';
import type { ModelId } from '../../models/ids.js';
import type { ConnectionsStepFigures } from '../../results/schema.js';

export interface ConnectionSeries {
  series: ConnectionsStepFigures['series'];
  /** Serve flags that set the cap. */
  args: string[];
  /** Live connections served at most; null: no cap. */
  cap: number | null;
  /** The most connections this series can hold, and what sets it (the open-file limit, or the cap flag's range). */
  limit: { connections: number; why: string };
}

interface Capped {
  /** Descriptors each unit of the cap costs the server (a child's IPC channel, a thread's event loop). */
  fdsPerUnit: number;
  /** Serve flags and cap for `units` (children, threads, or piscina's connections per thread). */
  flags(units: number): { args: string[]; cap: number };
  /** The unit count that serves `connections` at once. */
  units(connections: number): number;
  maxUnits: number;
  defaultUnits: number;
  flagName: string;
}

// piscina's pool size is set explicitly in both series, so its cap (threads × connections per thread) is known here.
const poolThreads = MODEL_FLAGS.threads.default;

const CAPPED: Partial<Record<ModelId, Capped>> = {
  fork: {
    fdsPerUnit: FDS_PER_CHILD,
    flags: (units) => ({ args: ['--max-children', String(units)], cap: units }),
    units: (connections) => connections,
    maxUnits: MODEL_FLAGS.maxChildren.max,
    defaultUnits: MODEL_FLAGS.maxChildren.default,
    flagName: '--max-children',
  },
  worker: {
    fdsPerUnit: FDS_PER_THREAD,
    flags: (units) => ({ args: ['--max-workers', String(units)], cap: units }),
    units: (connections) => connections,
    maxUnits: MODEL_FLAGS.maxWorkers.max,
    defaultUnits: MODEL_FLAGS.maxWorkers.default,
    flagName: '--max-workers',
  },
  piscina: {
    fdsPerUnit: 0, // connections per thread cost no descriptors of their own
    flags: (units) => ({ args: ['--threads', String(poolThreads), '--conns-per-thread', String(units)], cap: poolThreads * units }),
    units: (connections) => Math.ceil(connections / poolThreads),
    maxUnits: MODEL_FLAGS.connsPerThread.max,
    defaultUnits: MODEL_FLAGS.connsPerThread.default,
    flagName: '--conns-per-thread',
  },
};

/** The server's own descriptors besides piscina's pool threads, which every series of it has. */
const baseFds = (model: ModelId) => (model === 'piscina' ? poolThreads * FDS_PER_THREAD : 0);

/** Each series `model` runs over `steps` (ascending), under an open-file limit of `fileLimit`. */
export function seriesFor(model: ModelId, steps: readonly number[], fileLimit: number): ConnectionSeries[] {
  const fileLimitWhy = `the open-file limit (ulimit -n ${fileLimit})`;
  const fits = (reservedFds: number) => connectionLimit(fileLimit, reservedFds + baseFds(model));
  const capped = CAPPED[model];
  if (!capped) return [{ series: 'uncapped', args: [], cap: null, limit: { connections: fits(0), why: fileLimitWhy } }];

  // Raised: the cap of the largest step the flag's range and the open-file limit allow, and one more
  // connection, so that the new connection timed at each step has a slot of its own.
  const room = (step: number) => capped.units(step + 1);
  const top = [...steps].reverse().find((step) => room(step) <= capped.maxUnits && fits(room(step) * capped.fdsPerUnit) >= step) ?? steps[0]!;
  const raised = capped.flags(Math.min(room(top), capped.maxUnits));
  const raisedLimit = fits(room(top) * capped.fdsPerUnit);
  const beyondFlag = room(steps.at(-1)!) > capped.maxUnits;
  const series: ConnectionSeries[] = [
    {
      series: 'raised',
      ...raised,
      limit:
        raised.cap - 1 < raisedLimit
          ? { connections: raised.cap - 1, why: beyondFlag ? `${model}'s ${capped.flagName} (at most ${capped.maxUnits})` : fileLimitWhy }
          : { connections: raisedLimit, why: fileLimitWhy },
    },
  ];
  const atDefault = capped.flags(capped.defaultUnits);
  if (steps.some((step) => step > atDefault.cap)) {
    series.push({ series: 'default', ...atDefault, limit: { connections: fits(capped.defaultUnits * capped.fdsPerUnit), why: fileLimitWhy } });
  }
  return series;
}
