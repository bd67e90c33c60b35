/** The one interface every concurrency model implements. */
import type { AddressInfo } from 'node:net';
import type { Logger } from '../shared/log.js';
import type { ServeOptions } from './options.js';
import type { WorkSpec } from '../shared/work.js';

export interface ModelContext {
  readonly options: ServeOptions;
  /** Calibrated once by the serving process and passed to every child and thread. */
  readonly work: WorkSpec;
  readonly log: Logger;
}

/** What a model reports about itself; fields a model cannot know are left out. */
export interface ModelStats {
  /** Connections being served now. */
  connections?: number;
  /** Accepted connections waiting, unread and unanswered, for a free slot (sequential, fork, worker, piscina). */
  waiting?: number;
  /** Waiting connections dropped because their client left before its turn (fork, which watches its queue). */
  abandoned?: number;
  /** Live child processes (fork, cluster). */
  children?: number;
  /** Live service threads (worker, piscina, hsha, reuseport). */
  threads?: number;
  /** Tasks queued for the pool (piscina: connections; hsha: batches of chunks). */
  queueDepth?: number;
  /** Bytes the accepting thread itself read from clients (0 where connections are handed over unread). */
  acceptorBytesRead?: number;
  /** Connections each serving thread has accepted since start (reuseport: how the kernel spread them). */
  acceptedPerThread?: number[];
}

export interface RunningServer {
  readonly address: AddressInfo;
  stats(): ModelStats;
  /** Stop accepting, let live connections finish within the grace period, then close them and free every child and thread. */
  stop(): Promise<void>;
}

export type StartModel = (context: ModelContext) => Promise<RunningServer>;
