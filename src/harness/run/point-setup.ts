/** What a point runs against and for how long: the server under test, the timing, and the timing's defaults. */
import type { ResultRow } from '../../results/schema.js';
import type { ModelStats } from '../../models/model.js';
import type { ServerSampler } from '../server/server-sampler.js';

/** The echo server a point loads: one of our models (started by the suite) or an external one (--target). */
export interface ServerUnderTest {
  model: ResultRow['model'];
  host: string;
  port: number;
  /** The server's pid to sample, and its stats (both undefined for an external target). */
  pid: number | undefined;
  stats: (() => Promise<ModelStats>) | undefined;
  /** A server on another host samples itself there (pid is then undefined: it is not this machine's). */
  sampler?: () => ServerSampler;
}

export interface Timing {
  warmupMs: number;
  windowMs: number;
  repeats: number;
  connectTimeoutMs: number;
  answerTimeoutMs: number;
}

/** Every timing default in one object, as autocannon keeps its defaults: the full suite's, and --quick's. */
export const TIMING_DEFAULTS = {
  full: { warmupMs: 500, windowMs: 1000, repeats: 3, connectTimeoutMs: 5_000, answerTimeoutMs: 2_000 },
  quick: { warmupMs: 250, windowMs: 400, repeats: 1, connectTimeoutMs: 5_000, answerTimeoutMs: 2_000 },
} as const satisfies Record<'full' | 'quick', Timing>;
