/** One measurement with echolab's own generator, through the harness's real path. */
import { GeneratorPool } from '../../src/harness/generator-pool.js';
import { runPoint, type Target, type Timing } from '../../src/harness/run-point.js';
import type { Placement, ResultRow } from '../../src/harness/results-schema.js';
import { expand, type Scenario } from '../../src/harness/scenario.js';
import { pinPrefix } from '../../src/harness/placement.js';
import { startServer } from '../../src/harness/server-process.js';
import { serverArgs } from '../../src/harness/suite.js';
import type { ModelId } from '../../src/models/ids.js';

export interface Measurer {
  /** Run `scenario` (first point) against a fresh server of `model`. */
  model(model: ModelId, scenario: Scenario, connections: number): Promise<ResultRow>;
  /** Run `scenario` against an already running echo server. */
  external(port: number, scenario: Scenario, connections: number): Promise<ResultRow>;
  close(): void;
}

export function measurer(timing: Timing, placementFor: (scenario: Scenario) => Placement, generators = 1): Measurer {
  const pool = new GeneratorPool(generators);
  const run = async (scenario: Scenario, connections: number, target: Target) => {
    const placement = placementFor(scenario);
    pool.ensure(placement.generatorCpus);
    const [point] = expand(scenario, { connections: [connections] });
    return runPoint(point!, target, timing, pool, placement);
  };
  return {
    async model(model, scenario, connections) {
      const [point] = expand(scenario, { connections: [connections] });
      const server = await startServer(model, { args: serverArgs(point!), prefix: pinPrefix(placementFor(scenario).serverCpus) });
      try {
        return await run(scenario, connections, { model, host: server.host, port: server.port, pid: server.pid, stats: server.stats });
      } finally {
        await server.stop();
      }
    },
    external: (port, scenario, connections) => run(scenario, connections, { model: 'external', host: '127.0.0.1', port, pid: undefined, stats: undefined }),
    close: () => pool.kill(),
  };
}
