/** One measurement with echolab's own generator, through the harness's real path. */
import { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import { runPoint, type ConnectionUse } from '../../src/harness/run/run-point.js';
import type { ServerUnderTest } from '../../src/harness/run/server-under-test.js';
import type { Timing } from '../../src/harness/plan/timing.js';
import type { Placement, ResultRow } from '../../src/results/schema.js';
import { expand, type Point, type Scenario } from '../../src/scenarios/scenario.js';
import { compiledScript } from '../../src/harness/compiled.js';
import { pinPrefix } from '../../src/harness/plan/placement.js';
import { startServer } from '../../src/harness/server/server-process.js';
import { serverArgs } from '../../src/harness/run/server-args.js';
import type { ModelId } from '../../src/models/ids.js';

/** A fresh server's row, and what it logged (stderr). */
export type Measured = ResultRow & { serverLog: string };

export interface Measurer {
  /** Run `scenario` (first point) against a fresh server of `model`; `args` are added to serve's. */
  model(model: ModelId, scenario: Scenario, connections: number, args?: string[], use?: ConnectionUse): Promise<Measured>;
  /** The same against a fresh server of `model`'s minimal baseline (bench/baselines/<model>.js). */
  baseline(model: ModelId, scenario: Scenario, connections: number, args?: string[]): Promise<Measured>;
  /** Run `scenario` against an already running echo server. */
  external(port: number, scenario: Scenario, connections: number): Promise<ResultRow>;
  close(): void;
}

export function measurer(timing: Timing, placementFor: (point: Point) => Placement, generators = 1): Measurer {
  const pool = new GeneratorPool(generators);
  const run = async (scenario: Scenario, connections: number, target: ServerUnderTest, use: ConnectionUse = {}) => {
    const [point] = expand(scenario, { connections: [connections] });
    const placement = placementFor(point!);
    pool.ensure(placement.generatorCpus);
    return (await runPoint(point!, target, timing, pool, placement, use)).row;
  };
  const fresh = async (model: ModelId, scenario: Scenario, connections: number, args: string[] = [], script?: string, use: ConnectionUse = {}): Promise<Measured> => {
    const [point] = expand(scenario, { connections: [connections] });
    const server = await startServer(model, { args: [...serverArgs(point!), ...args], prefix: pinPrefix(placementFor(point!).serverCpus), script });
    try {
      const row = await run(scenario, connections, { model, host: server.host, port: server.port, pid: server.pid, stats: server.stats }, use);
      return { ...row, serverLog: server.stderr() };
    } finally {
      await server.stop();
    }
  };
  return {
    model: (model, scenario, connections, args, use) => fresh(model, scenario, connections, args, undefined, use),
    baseline: (model, scenario, connections, args) => fresh(model, scenario, connections, args, compiledScript(`bench/baselines/${model}.js`)),
    external: (port, scenario, connections) => run(scenario, connections, { model: 'external', host: '127.0.0.1', port, pid: undefined, stats: undefined }),
    close: () => pool.kill(),
  };
}
