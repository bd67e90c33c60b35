/** What a point runs against: the server under test (the timing it runs for is plan/timing.ts). */
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
  /** What samples it: the started server's own sampler (on another host, the agent's; pid is then undefined: it is not this machine's). */
  sampler?: (everyMs?: number) => ServerSampler;
}
