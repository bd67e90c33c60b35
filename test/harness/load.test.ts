/** The generator through the real harness path (generator processes, runPoint) against real servers. */
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import { planPlacement } from '../../src/harness/plan/placement.js';
import { runPoint } from '../../src/harness/run/run-point.js';
import type { ServerUnderTest } from '../../src/harness/run/server-under-test.js';
import type { Timing } from '../../src/harness/plan/timing.js';
import { expand, type Scenario } from '../../src/scenarios/scenario.js';
import { serverPool } from '../helpers/servers.js';

const servers = serverPool();
const pool = new GeneratorPool(1);
afterEach(() => servers.cleanup());
afterAll(() => pool.kill());

const placement = planPlacement('rest', 2, false);
const timing: Timing = { warmupMs: 200, windowMs: 1500, repeats: 1, connectTimeoutMs: 3000, answerTimeoutMs: 1000 };
const closed: Scenario = { name: 'test-closed', description: 'test', kind: 'closed-loop', parameters: { connections: [4], messageSize: [64] } };

async function eventLoopTarget(): Promise<ServerUnderTest> {
  const server = await servers.start('event-loop');
  return { model: 'event-loop', host: server.host, port: server.port, pid: server.pid, stats: server.stats };
}

describe('generator', () => {
  it('a fixed-amount run against event-loop counts exactly the messages sent', async () => {
    pool.ensure(null);
    const [point] = expand(closed, { connections: [3], amount: [1001] });
    const { row } = await runPoint(point!, await eventLoopTarget(), { ...timing, windowMs: 20_000 }, pool, placement);
    expect(row.status).toBe('ok');
    expect(row.latencyUs.count).toBe(1001);
    expect(row.fairness.perConnection).toEqual([334, 334, 333]);
    expect(Object.values(row.errors).every((n) => n === 0)).toBe(true);
  });

  it('the open-loop schedule achieves its rate within 10% on a light load', async () => {
    pool.ensure(null);
    const [point] = expand({ name: 'test-open', description: 'test', kind: 'open-loop', parameters: { connections: [4], messageSize: [64], rate: [400] } });
    const { row } = await runPoint(point!, await eventLoopTarget(), { ...timing, windowMs: 2500 }, pool, placement);
    console.log(`open loop: target 400 msgs/s, achieved ${row.achievedRate!.median.toFixed(1)} msgs/s`);
    expect(row.achievedRate!.median).toBeGreaterThan(360);
    expect(row.achievedRate!.median).toBeLessThan(440);
    // The shortfall mark follows the row's own achieved rate (99 % of the offered), whatever this machine's load let it reach.
    expect(row.rateShortfall).toBe(row.achievedRate!.median < 0.99 * 400);
    expect(row.latencyUncorrectedUs!.count).toBe(row.latencyUs.count);
  });

  it('catches a server that corrupts one byte in a thousand', async () => {
    let seen = 0;
    const corrupt = net.createServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        for (let i = 0; i < chunk.length; i++, seen++) if (seen % 1000 === 999) chunk[i]! ^= 0x01;
        socket.write(chunk);
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => corrupt.listen(0, '127.0.0.1', resolve));
    try {
      pool.ensure(null);
      const [point] = expand(closed);
      const port = (corrupt.address() as net.AddressInfo).port;
      const { row } = await runPoint(point!, { model: 'external', host: '127.0.0.1', port, pid: undefined, stats: undefined }, timing, pool, placement);
      expect(row.errors.mismatch).toBeGreaterThan(0);
    } finally {
      corrupt.close();
    }
  });
});
