/**
 * One server start and the points it serves: what a kind's runner (kind-runners.ts) plans, and what
 * the suite's one server life cycle (serve-points.ts) runs, whatever the kind.
 */
import type { GeneratorPool } from '../load/generator-pool.js';
import type { Placement, ResultRow } from '../../results/schema.js';
import type { ModelId } from '../../models/ids.js';
import type { Point } from '../../scenarios/scenario.js';
import type { ModelVariants } from '../../scenarios/variants.js';
import type { RowAndLog } from '../rows/interval-log.js';
import type { ServerUnderTest } from './server-under-test.js';
import type { Timing } from '../plan/timing.js';

export interface ServerStart<P extends Point = Point> {
  /** Serve flags that make its rows a variant of the model, named with it (worker's thread cache); [] for its defaults. */
  variant: readonly string[];
  /** Other serve flags its points need (a capped model's raised cap). */
  flags: readonly string[];
  /** In the order they run. */
  points: readonly P[];
  /** A point's row that needs no server (a step projected past the machine's limits); undefined: the point runs. */
  skip?(point: P): ResultRow | undefined;
  /** The server just started: why its points cannot run on it, if they cannot. */
  started?(target: ServerUnderTest): string | undefined;
  /** One point against the running server: its rows, each with its interval log where it has one (a capacity search's: every step, the answer last). */
  run(point: P, target: ServerUnderTest): Promise<RowAndLog[]>;
  /** A point's row when it could not run or its server failed. */
  failed(point: P, failure: string): ResultRow;
  /** Before its server stops (held connections are released first). */
  beforeStop?(): Promise<void>;
}

/** What a kind's runner plans its server starts with. */
export interface StartContext {
  model: ModelId | 'external';
  variants: ModelVariants | undefined;
  timing: Timing;
  pool: GeneratorPool;
  placementOf(point: Point): Placement;
}
