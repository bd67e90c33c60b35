/** The model registry: each model's start function, loaded on demand, and the flags it takes. */
import type { ModelId } from './ids.js';
import type { StartModel } from './model.js';
import { MODEL_FLAGS as FLAG, type ModelOptionKey } from './options.js';

/** A flag a model takes, with the model's own line for it in serve's usage. */
export interface ModelFlagUse {
  readonly option: ModelOptionKey;
  readonly usage: string;
}

export interface ModelEntry {
  /** Loaded on demand so a server imports only its own model (and piscina only when asked). */
  load(): Promise<StartModel>;
  readonly flags: readonly ModelFlagUse[];
}

export const MODELS: Record<ModelId, ModelEntry> = {
  sequential: { load: async () => (await import('./sequential.js')).start, flags: [] },
  fork: {
    load: async () => (await import('./fork.js')).start,
    flags: [{ option: 'maxChildren', usage: `--max-children N  live children at most, others wait FIFO (default ${FLAG.maxChildren.default})` }],
  },
  worker: {
    load: async () => (await import('./worker.js')).start,
    flags: [
      { option: 'maxWorkers', usage: `--max-workers N   live threads at most, others wait FIFO (default ${FLAG.maxWorkers.default})` },
      { option: 'threadCache', usage: `--thread-cache N  threads kept for the next connection when theirs ends (default ${FLAG.threadCache.default}: each exits)` },
    ],
  },
  piscina: {
    load: async () => (await import('./piscina.js')).start,
    flags: [
      { option: 'threads', usage: `--threads N           pool threads (default: cores = ${FLAG.threads.default})` },
      { option: 'connsPerThread', usage: `--conns-per-thread K  connections a pool thread serves at once (default ${FLAG.connsPerThread.default})` },
      { option: 'maxQueue', usage: `--max-queue N         connection tasks queued in the pool; more wait unread (default ${FLAG.maxQueue.default})` },
    ],
  },
  hsha: {
    load: async () => (await import('./hsha.js')).start,
    flags: [
      { option: 'threads', usage: `--threads N           pool threads (default: cores = ${FLAG.threads.default})` },
      { option: 'maxQueue', usage: `--max-queue N         queued tasks before reading pauses (default ${FLAG.maxQueue.default})` },
    ],
  },
  'event-loop': { load: async () => (await import('./event-loop.js')).start, flags: [] },
  cluster: {
    load: async () => (await import('./cluster.js')).start,
    flags: [{ option: 'workers', usage: `--workers N           worker processes (default: cores = ${FLAG.workers.default})` }],
  },
  reuseport: {
    load: async () => (await import('./reuseport.js')).start,
    flags: [{ option: 'threads', usage: `--threads N          listening threads (default: cores = ${FLAG.threads.default})` }],
  },
};

export function loadModel(id: ModelId): Promise<StartModel> {
  return MODELS[id].load();
}
