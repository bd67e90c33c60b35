/** What samples the server's process tree during a point: TreeSampler here, or the agent on the server's host. */
import type { ResultRow } from '../../results/schema.js';
import { TreeSampler } from './sampler.js';
import type { IntervalUsage } from './interval-usage.js';

export type ServerFigures = NonNullable<ResultRow['server']>;

export interface ServerSampler {
  /** `originMs`: the time series' grid origin on the shared clock (reads then fall on its boundaries). */
  start(originMs?: number): void;
  windowEnded(): void;
  /** The figures since start(); undefined when they could not be had (a lost host). */
  stop(): ServerFigures | undefined | Promise<ServerFigures | undefined>;
  /** CPU, RSS and PSS per interval of the time series; absent for another host's server, whose clock is not ours. */
  perInterval?(intervalMs: number, count: number, endMs: number): IntervalUsage;
}

/** The sampler for a server under test: its own (a remote server's agent), /proc here, or none (an external target). */
export function samplerFor(target: { pid: number | undefined; sampler?: (everyMs?: number) => ServerSampler }, everyMs?: number): ServerSampler | undefined {
  if (target.sampler) return target.sampler(everyMs);
  return target.pid === undefined ? undefined : new TreeSampler(target.pid, everyMs);
}
