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

/** What a server reports about itself (over the control channel); fields it cannot know are left out. */
export interface ModelStats {
  /** Connections being served now. */
  connections?: number;
  /** Accepted connections waiting, unread and unanswered, for a free slot (sequential, fork, worker, piscina; 0 in the others). */
  waiting?: number;
  /** Whether accepted connections can wait for a slot at all (false: each is served as it arrives, and `waiting` stays 0). */
  queues?: boolean;
  /** Waiting connections dropped because their client left before its turn (fork, which watches its queue; worker, which vets each when its turn comes). */
  abandoned?: number;
  /** Live child processes (fork, cluster). */
  children?: number;
  /** Live service threads (worker, piscina, hsha, reuseport). */
  threads?: number;
  /** The most chunks hsha's queue has held at once since start (reading pauses before it passes --max-queue). */
  queuePeak?: number;
  /** Bytes the accepting thread itself read from clients (0 where connections are handed over unread). */
  acceptorBytesRead?: number;
  /** Connections each serving thread has accepted since start (reuseport: how the kernel spread them). */
  acceptedPerThread?: number[];
}

/** Every model knows how many connections it serves, whether it makes any wait, and how many: it must report all three. */
export type RunningStats = ModelStats & Required<Pick<ModelStats, 'connections' | 'queues' | 'waiting'>>;

export interface RunningServer {
  readonly address: AddressInfo;
  stats(): RunningStats;
  /** Stop accepting, let live connections finish within the grace period, then close them and free every child and thread. */
  stop(): Promise<void>;
}

export type StartModel = (context: ModelContext) => Promise<RunningServer>;
