/** The abandoned scenario through the real harness path (generator process, runAbandoned) against real servers. */
import { costUnit, perUnit } from '../../src/results/message-cost.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import { planPlacement } from '../../src/harness/plan/placement.js';
import { runAbandoned } from '../../src/harness/run/run-abandoned.js';
import type { Timing } from '../../src/harness/plan/timing.js';
import { expand, type ScenarioOf } from '../../src/scenarios/scenario.js';
import { capFlag, serverPool } from '../helpers/servers.js';

const servers = serverPool();
const pool = new GeneratorPool(1);
afterEach(() => servers.cleanup());
afterAll(() => pool.kill());

const placement = planPlacement('rest', 2, false);
const timing: Timing = { warmupMs: 100, windowMs: 1000, repeats: 1, connectTimeoutMs: 3000, answerTimeoutMs: 1000 };
// Four busy connections fill a fork capped at four children: the departing clients have to wait in its queue.
const CAP = 4;
const scenario: ScenarioOf<'abandoned'> = { name: 'abandoned', description: 'test', kind: 'abandoned', parameters: { connections: [CAP], messageSize: [64] }, abandon: { clients: 50, deadlineSec: 10 } };

async function run(model: string, departureBytes = 0) {
  const server = await servers.start(model, { args: ['--log-level', 'warn', ...capFlag(model, CAP)] });
  pool.ensure(null);
  const [point] = expand({ ...scenario, parameters: { ...scenario.parameters, departureBytes: [departureBytes] } });
  return runAbandoned(point!, { model: model as 'fork', host: server.host, port: server.port, pid: server.pid, stats: server.stats }, timing, pool, placement);
}

describe('abandoned scenario', () => {
  it('times the new client on event-loop, which counts no dropped clients (null, not 0)', async () => {
    const row = await run('event-loop');
    expect(row.status, row.failure).toBe('ok');
    expect(row.abandoned).toMatchObject({ clients: 50, departed: 50, serverAbandoned: null });
    expect(row.abandoned!.firstEchoMs).toBeGreaterThan(0);
    expect(row.abandoned!.serverCpuSec).toBeGreaterThanOrEqual(0);
    expect(Object.values(row.errors).every((n) => n === 0)).toBe(true);
  });

  it('fork drops departed clients from its queue, and answers the new client before the deadline', async () => {
    const row = await run('fork');
    expect(row.status, row.failure).toBe('ok');
    expect(row.abandoned!.departed).toBe(50);
    expect(row.abandoned!.serverAbandoned).toBeGreaterThanOrEqual(1);
    expect(row.abandoned!.firstEchoMs).toBeLessThan(10_000);
    expect(row.abandoned!.serverCpuSec).not.toBeNull();
    expect(row.server!.maxProcesses).toBeGreaterThanOrEqual(1);
    expect(row.abandoned).toMatchObject({ departureBytes: 0, owedEchoes: null });
    // Its anatomy spans the departures to the new client's echo, per departed client.
    expect(row.anatomy!.connectionsCompleted).toBe(50);
    expect(costUnit(row)).toBe('departed client');
    expect(perUnit(row, 'server')!.cpuUs).toBeGreaterThan(0);
  });

  // A client that sent a byte and half-closed is still owed its echo: queued behind the busy ones, or served at once.
  it.each(['fork', 'worker', 'event-loop'])('%s echoes every departing client that sent a byte and half-closed', async (model) => {
    const row = await run(model, 1);
    expect(row.status, row.failure).toBe('ok');
    expect(row.abandoned).toMatchObject({ departed: 50, departureBytes: 1, owedEchoes: { echoed: 50, closedShort: 0, waiting: 0 } });
    if (model !== 'event-loop') expect(row.abandoned!.serverAbandoned).toBe(0);
    expect(row.abandoned!.firstEchoMs).not.toBeNull();
  });
});
