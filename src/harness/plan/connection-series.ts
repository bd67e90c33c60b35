/**
 * The connections scenario's series per model: a model without a cap runs once ('uncapped'); a capped
 * one (fork, worker, piscina) runs with its cap raised to the top step ('raised': what a process or a
 * thread per connection really costs) and at its default cap ('default': what the cap buys, flat memory
 * and queued connections), the latter only where some step exceeds that cap (below it both are the same).
 */
import { connectionLimit, FDS_PER_CHILD, FDS_PER_THREAD } from '../../shared/fd-limit.js';
import { MODEL_FLAGS, type ModelFlag } from '../../models/options.js';
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
  /** The serve flag that sets the cap's units: its name, default and range. */
  flag: ModelFlag;
  /** Serve flags and cap for `units` (children, threads, or piscina's connections per thread). */
  flags(units: number): { args: string[]; cap: number };
  /** The unit count that serves `connections` at once. */
  units(connections: number): number;
}

// piscina's pool size is set explicitly in both series, so its cap (threads × connections per thread) is known here.
const poolThreads = MODEL_FLAGS.threads.default;

/** A process or a thread per connection, at most `flag`'s value of them. */
const perConnection = (flag: ModelFlag, fdsPerUnit: number): Capped => ({
  fdsPerUnit,
  flag,
  flags: (units) => ({ args: [`--${flag.name}`, String(units)], cap: units }),
  units: (connections) => connections,
});

const CAPPED: Partial<Record<ModelId | 'external', Capped>> = {
  fork: perConnection(MODEL_FLAGS.maxChildren, FDS_PER_CHILD),
  worker: perConnection(MODEL_FLAGS.maxWorkers, FDS_PER_THREAD),
  piscina: {
    fdsPerUnit: 0, // connections per thread cost no descriptors of their own
    flag: MODEL_FLAGS.connsPerThread,
    flags: (units) => ({ args: ['--threads', String(poolThreads), '--conns-per-thread', String(units)], cap: poolThreads * units }),
    units: (connections) => Math.ceil(connections / poolThreads),
  },
};

/** The server's own descriptors besides piscina's pool threads, which every series of it has. */
const baseFds = (model: ModelId | 'external') => (model === 'piscina' ? poolThreads * FDS_PER_THREAD : 0);

/** Each series `model` runs over `steps` (ascending), under an open-file limit of `fileLimit`. */
export function seriesFor(model: ModelId | 'external', steps: readonly number[], fileLimit: number): ConnectionSeries[] {
  const fileLimitWhy = `the open-file limit (ulimit -n ${fileLimit})`;
  const fits = (reservedFds: number) => connectionLimit(fileLimit, reservedFds + baseFds(model));
  const capped = CAPPED[model];
  if (!capped) return [{ series: 'uncapped', args: [], cap: null, limit: { connections: fits(0), why: fileLimitWhy } }];

  // Raised: the cap of the largest step the flag's range and the open-file limit allow, and one more
  // connection, so that the new connection timed at each step has a slot of its own.
  const room = (step: number) => capped.units(step + 1);
  const top = [...steps].reverse().find((step) => room(step) <= capped.flag.max && fits(room(step) * capped.fdsPerUnit) >= step) ?? steps[0]!;
  const raised = capped.flags(Math.min(room(top), capped.flag.max));
  const raisedLimit = fits(room(top) * capped.fdsPerUnit);
  const beyondFlag = room(steps.at(-1)!) > capped.flag.max;
  const series: ConnectionSeries[] = [
    {
      series: 'raised',
      ...raised,
      limit:
        raised.cap - 1 < raisedLimit
          ? { connections: raised.cap - 1, why: beyondFlag ? `${model}'s --${capped.flag.name} (at most ${capped.flag.max})` : fileLimitWhy }
          : { connections: raisedLimit, why: fileLimitWhy },
    },
  ];
  const atDefault = capped.flags(capped.flag.default);
  if (steps.some((step) => step > atDefault.cap)) {
    series.push({ series: 'default', ...atDefault, limit: { connections: fits(capped.flag.default * capped.fdsPerUnit), why: fileLimitWhy } });
  }
  return series;
}
