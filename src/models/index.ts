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
  /** Its design does all the work on one thread, whatever CPUs it is given (its CPU-bound ceiling is one core). */
  readonly oneThreadOfWork?: true;
  /** What its main thread (when not "main thread"), its JS threads (worker_threads) and its child processes are, as its cost anatomy names them. */
  readonly roles?: { readonly main?: string; readonly threads?: string; readonly children?: string };
}

export const MODELS: Record<ModelId, ModelEntry> = {
  sequential: { load: async () => (await import('./sequential.js')).start, flags: [], oneThreadOfWork: true },
  fork: {
    load: async () => (await import('./fork.js')).start,
    flags: [{ option: 'maxChildren', usage: `--max-children N  live children at most, others wait FIFO (default ${FLAG.maxChildren.default})` }],
    roles: { children: 'connection processes' },
  },
  worker: {
    load: async () => (await import('./worker.js')).start,
    flags: [
      { option: 'maxWorkers', usage: `--max-workers N   live threads at most, others wait FIFO (default ${FLAG.maxWorkers.default})` },
      { option: 'threadCache', usage: `--thread-cache N  threads kept for the next connection when theirs ends (default ${FLAG.threadCache.default}: each exits)` },
    ],
    roles: { threads: 'connection threads' },
  },
  piscina: {
    load: async () => (await import('./piscina.js')).start,
    flags: [
      { option: 'threads', usage: `--threads N           pool threads (default: cores = ${FLAG.threads.default})` },
      { option: 'connsPerThread', usage: `--conns-per-thread K  connections a pool thread serves at once (default ${FLAG.connsPerThread.default})` },
      { option: 'maxQueue', usage: `--max-queue N         connection tasks queued in the pool; more wait unread (default ${FLAG.maxQueue.default})` },
    ],
    roles: { threads: 'pool threads' },
  },
  hsha: {
    load: async () => (await import('./hsha.js')).start,
    flags: [
      { option: 'threads', usage: `--threads N           pool threads (default: cores = ${FLAG.threads.default})` },
      { option: 'maxQueue', usage: `--max-queue N         queued chunks before reading pauses (default ${FLAG.maxQueue.default})` },
      { option: 'maxBatch', usage: `--max-batch N         queued chunks one pool task takes at most; 1: a task each (default ${FLAG.maxBatch.default})` },
    ],
    roles: { threads: 'pool threads' },
  },
  'event-loop': { load: async () => (await import('./event-loop.js')).start, flags: [], oneThreadOfWork: true },
  cluster: {
    load: async () => (await import('./cluster.js')).start,
    flags: [{ option: 'workers', usage: `--workers N           worker processes (default: cores = ${FLAG.workers.default})` }],
    roles: { main: 'primary', children: 'worker processes' },
  },
  reuseport: {
    load: async () => (await import('./reuseport.js')).start,
    flags: [{ option: 'threads', usage: `--threads N          listening threads (default: cores = ${FLAG.threads.default})` }],
    roles: { threads: 'listener threads' },
  },
};

export function loadModel(id: ModelId): Promise<StartModel> {
  return MODELS[id].load();
}
