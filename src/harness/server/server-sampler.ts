/** What samples the server's process tree during a point: TreeSampler here, or the agent on the server's host. */
import type { ResultRow } from '../../results/schema.js';
import { TreeSampler } from './sampler.js';

export type ServerFigures = NonNullable<ResultRow['server']>;

export interface ServerSampler {
  start(): void;
  windowEnded(): void;
  /** The figures since start(); undefined when they could not be had (a lost host). */
  stop(): ServerFigures | undefined | Promise<ServerFigures | undefined>;
}

/** The sampler for a server under test: its own (a remote server's agent), /proc here, or none (an external target). */
export function samplerFor(target: { pid: number | undefined; sampler?: () => ServerSampler }): ServerSampler | undefined {
  if (target.sampler) return target.sampler();
  return target.pid === undefined ? undefined : new TreeSampler(target.pid);
}
