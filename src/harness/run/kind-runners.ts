/**
 * The harness's entry for each kind of scenario: the server starts one model's points need and how
 * each point runs on its server. A new kind adds its entry here (tsc names the missing key); the
 * suite's one server life cycle (serve-points.ts) runs every kind's starts alike. The kind's other
 * entries are listed in scenarios/kinds.ts.
 */
import type { GeneratorPool } from '../load/generator-pool.js';
import type { Placement } from '../../results/schema.js';
import type { RowAndLog } from '../rows/interval-log.js';
import type { ScenarioKind } from '../../results/scenario-kind.js';
import type { PointOf } from '../../scenarios/scenario.js';
import { variantFlags } from '../../scenarios/variants.js';
import { runSearch } from './run-search.js';
import { failedRow } from '../rows/failed-row.js';
import type { ServerUnderTest } from './server-under-test.js';
import type { Timing } from '../plan/timing.js';
import { runAbandoned } from './run-abandoned.js';
import { connectionsStarts } from './run-connections.js';
import { runPoint } from './run-point.js';
import { serverGroups } from './server-args.js';
import type { ServerStart, StartContext } from './server-start.js';

export type KindRunner<K extends ScenarioKind> = (points: readonly PointOf<K>[], context: StartContext) => ServerStart<PointOf<K>>[];

type PointRunner<K extends ScenarioKind> = (point: PointOf<K>, target: ServerUnderTest, timing: Timing, pool: GeneratorPool, placement: Placement) => Promise<RowAndLog[]>;

/** The model as it starts by default, then each variant the scenario asks of it; each a server per run of points with the same serve flags and CPUs. */
function perServerGroup<K extends ScenarioKind>(run: PointRunner<K>): KindRunner<K> {
  return (points, { model, variants, timing, pool, placementOf }) =>
    variantFlags(variants, model).flatMap((variant) =>
      serverGroups(points).map((group) => ({
        variant,
        flags: [],
        points: group,
        run: (point, target) => run(point, target, timing, pool, placementOf(point)),
        failed: (point, failure) => failedRow(point, model, placementOf(point), timing.windowMs / 1000, failure),
      })),
    );
}

/** A closed loop, an open loop or churn: one row a point. */
const loop = <K extends ScenarioKind>() => perServerGroup<K>(async (point, target, timing, pool, placement) => [await runPoint(point, target, timing, pool, placement)]);

export const KIND_RUNNERS: { [K in ScenarioKind]: KindRunner<K> } = {
  'closed-loop': loop(),
  cpu: loop(),
  'slow-client': loop(),
  churn: loop(),
  'open-loop': loop(),
  // Every step of a search is a row; the last one carries the answer.
  capacity: perServerGroup((point, target, timing, pool, placement) => runSearch(point, target, timing, pool, placement)),
  abandoned: perServerGroup(async (...args) => [{ row: await runAbandoned(...args) }]),
  connections: connectionsStarts,
};
