/**
 * What a model is started with: serve's options, parsed once by the serve CLI (src/cli/serve-options.ts).
 * The flags only some models take are declared here, once each (default and range); the registry
 * (index.ts) says which models take which, and how each describes it in serve's usage.
 */
import { availableParallelism } from 'node:os';
import type { LogLevel } from '../shared/log.js';
import type { ModelId } from './ids.js';

/** Options of the models that have a cap, a pool or several listeners. */
export interface ModelOptions {
  /** fork: live children at most; more connections wait in FIFO order. */
  maxChildren: number;
  /** worker: live worker threads at most; more connections wait in FIFO order. */
  maxWorkers: number;
  /** worker: threads whose connection ended kept waiting for the next, at most (0: each thread exits with its connection). */
  threadCache: number;
  /** piscina, hsha: pool size; reuseport: listening threads. */
  threads: number;
  /** piscina: connections one pool thread serves at once. */
  connsPerThread: number;
  /** piscina: queued connection tasks at most (more wait in the accept queue); hsha: queued chunks before connections stop being read. */
  maxQueue: number;
  /** hsha: queued chunks one pool task takes at most (1: a task per chunk; hsha-batch.ts). */
  maxBatch: number;
  /** cluster: worker processes. */
  workers: number;
}

export interface ServeOptions extends ModelOptions {
  model: ModelId;
  host: string;
  port: number;
  backlog: number;
  /** µs of CPU per `workBytes` bytes received (see shared/work.ts). */
  workUs: number;
  workBytes: number;
  /** Hash rounds per `workBytes` block, calibrated by the caller (the bench, once per run); 0 = calibrate at start-up. */
  workRounds: number;
  /** Close a connection that sends nothing for this long; 0 = never. */
  idleTimeoutMs: number;
  /** How long a stop waits for live connections before closing them. */
  graceMs: number;
  logLevel: LogLevel;
  daemon: boolean;
  pidFile: string | undefined;
  logFile: string | undefined;
  /** Test hook: a worker or child that receives exactly these bytes crashes (see reliability tests). */
  crashToken: string | undefined;
}

/** A whole-number flag that sets one model option. */
export interface ModelFlag {
  readonly name: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

const cores = availableParallelism();

/** Every model flag, in the order serve checks them. */
export const MODEL_FLAGS = {
  maxChildren: { name: 'max-children', default: 64, min: 1, max: 4096 },
  maxWorkers: { name: 'max-workers', default: 64, min: 1, max: 4096 },
  // 0: the textbook model, a thread started per connection (the cache is the production form; docs/models.md).
  threadCache: { name: 'thread-cache', default: 0, min: 0, max: 4096 },
  threads: { name: 'threads', default: cores, min: 1, max: 256 },
  connsPerThread: { name: 'conns-per-thread', default: 1, min: 1, max: 4096 },
  maxQueue: { name: 'max-queue', default: 256, min: 1, max: 1_000_000 },
  // The default takes a free thread's whole share of a full default queue: no limit beyond the share.
  maxBatch: { name: 'max-batch', default: 256, min: 1, max: 1_000_000 },
  workers: { name: 'workers', default: cores, min: 1, max: 256 },
} as const satisfies Record<keyof ModelOptions, ModelFlag>;

export type ModelOptionKey = keyof typeof MODEL_FLAGS;

export const MODEL_OPTION_KEYS = Object.keys(MODEL_FLAGS) as ModelOptionKey[];

/** Model options with each one's value taken from its flag (its default, or what a command line gave). */
export function modelOptions(valueOf: (flag: ModelFlag) => number): ModelOptions {
  return Object.fromEntries(MODEL_OPTION_KEYS.map((key) => [key, valueOf(MODEL_FLAGS[key])])) as Record<ModelOptionKey, number>;
}

/** Each model option's value when its flag is not given. */
export const MODEL_DEFAULTS: ModelOptions = modelOptions((flag) => flag.default);
