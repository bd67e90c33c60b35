/** The connections scenario through the real harness path (generator process, runConnections) against real servers. */
import { costUnit, perUnit } from '../../src/results/message-cost.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import { pinPrefix, planPlacement } from '../../src/harness/plan/placement.js';
import { connectionsStarts } from '../../src/harness/run/run-connections.js';
import { servePoints } from '../../src/harness/run/serve-points.js';
import { serverArgs } from '../../src/harness/run/server-args.js';
import type { Timing } from '../../src/harness/plan/timing.js';
import { killTree, startServer, type ServerProcess } from '../../src/harness/server/server-process.js';
import type { ResultRow } from '../../src/results/schema.js';
import { expand, type ScenarioOf } from '../../src/scenarios/scenario.js';
import '../helpers/servers.js'; // fails early, with a clear message, when dist/ is not built

const pool = new GeneratorPool(1);
const started = new Set<ServerProcess>();
afterEach(async () => {
  // A failed test may leave its series' server running: kill it with its children.
  for (const server of started) {
    killTree(server.pid);
    await server.exited;
  }
  started.clear();
});
afterAll(() => pool.kill());

const placement = planPlacement('rest', 2, false);
const timing: Timing = { warmupMs: 0, windowMs: 1000, repeats: 1, connectTimeoutMs: 5000, answerTimeoutMs: 2000 };
// 100,000 is past this machine's open-file limit: projected, never run.
const BEYOND = 100_000;
const scenario: ScenarioOf<'connections'> = {
  name: 'connections',
  description: 'test',
  kind: 'connections',
  parameters: { messageSize: [16] },
  hold: { echoEverySec: 1, deadlineSec: 5, budgetSec: 120 },
};

/** The model's series through the suite's own server life cycle. */
async function run(model: 'event-loop' | 'fork', steps: number[]): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const points = expand({ ...scenario, parameters: { ...scenario.parameters, connections: steps } });
  const placementOf = () => placement;
  for (const start of connectionsStarts(points, { model, variants: undefined, timing, pool, placementOf })) {
    await servePoints(start, {
      model,
      pool,
      placementOf,
      launch: (args) => startServer(model, { args, prefix: pinPrefix(placement.serverCpus) }),
      serverArgs: (point) => serverArgs(point),
      signal: new AbortController().signal,
      onServer: (server) => server && started.add(server as ServerProcess),
      pointStarted: () => {},
      rows: (_, made) => rows.push(...made.map(({ row }) => row)),
    });
  }
  return rows;
}

const step = (rows: ResultRow[], connections: number) => rows.find((row) => row.connections === connections)!;

function expectMeasured(row: ResultRow) {
  const s = row.connectionsStep!;
  expect(row.status, row.failure).toBe('ok');
  expect(s).toMatchObject({ projected: false, served: row.connections, queued: 0, failed: 0 });
  expect(s.pssBytes).toBeGreaterThan(0);
  expect(s.baselinePssBytes).toBeGreaterThan(0);
  expect(s.firstEchoMs).toBeGreaterThan(0);
  expect(s.kernelTcpSockets).toBeGreaterThanOrEqual(2 * row.connections);
}

function expectProjected(row: ResultRow) {
  const s = row.connectionsStep!;
  expect(s.projected).toBe(true);
  expect(s.projectedReason).toBeTruthy();
  expect(row.server).toBeNull();
  for (const figure of [s.pssBytes, s.bytesPerConnection, s.processes, s.threads, s.served, s.queued, s.firstEchoMs, s.kernelTcpBytes]) expect(figure).toBeNull();
}

describe('connections scenario', () => {
  it('event-loop serves every held connection in one process; the step past the limits is projected', async () => {
    const rows = await run('event-loop', [10, 50, BEYOND]);
    expect(rows.map((row) => [row.connections, row.connectionsStep!.series])).toEqual([[10, 'uncapped'], [50, 'uncapped'], [BEYOND, 'uncapped']]);
    for (const connections of [10, 50]) {
      expectMeasured(step(rows, connections));
      expect(step(rows, connections).connectionsStep!.processes).toBe(1);
    }
    // Each measured step's anatomy is per connection it added (10, then 40); a projected step has none.
    expect(step(rows, 50).anatomy!.connectionsCompleted).toBe(40);
    expect(costUnit(step(rows, 50))).toBe('connection added');
    expect(perUnit(step(rows, 50), 'server')!.cpuUs).toBeGreaterThan(0);
    expect(step(rows, BEYOND).anatomy).toBeUndefined();
    expectProjected(step(rows, BEYOND));
  });

  it('fork (cap raised) starts a process per held connection, so its memory grows with them', async () => {
    // Steps within fork's default cap of 64: the default-cap series would be the same, so only the raised one runs.
    const rows = await run('fork', [10, 50]);
    expect(rows.map((row) => [row.connections, row.connectionsStep!.series, row.connectionsStep!.cap])).toEqual([
      [10, 'raised', 51],
      [50, 'raised', 51],
    ]);
    for (const connections of [10, 50]) {
      expectMeasured(step(rows, connections));
      // The parent and one child per connection.
      expect(step(rows, connections).connectionsStep!.processes).toBeGreaterThan(connections);
    }
    expect(step(rows, 50).connectionsStep!.pssBytes!).toBeGreaterThan(step(rows, 10).connectionsStep!.pssBytes!);
    expect(step(rows, 50).connectionsStep!.bytesPerConnection!).toBeGreaterThan(1024 * 1024);
  });
});
