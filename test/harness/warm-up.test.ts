/**
 * Warm-up settling (load/warm-up.ts) against a fake generator pool and fake server stats: when it
 * starts measuring, and what it waits for first. The fakes answer by poll, so the assertions count
 * polls and stats calls, never time.
 */
import { describe, expect, it } from 'vitest';
import type { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import type { ToGenerator, WarmProgress } from '../../src/harness/load/generator-protocol.js';
import { warmUp, warmUpPrimed } from '../../src/harness/load/warm-up.js';
import type { ModelStats } from '../../src/models/model.js';

/** A pool of `size` processes whose progress at the n-th poll (from 1) is `progressAt(n)`, each process alike. */
function fakePool(size: number, progressAt: (poll: number) => WarmProgress) {
  const sent: ToGenerator['type'][] = [];
  let polls = 0;
  const pool = {
    size,
    send: (_index: number, message: ToGenerator) => {
      sent.push(message.type);
    },
    collect: async (type: string) => {
      if (type !== 'progress') throw new Error(`the warm-up collects progress only, not ${type}`);
      polls++;
      return Array.from({ length: size }, () => ({ type: 'progress', ...progressAt(polls) }));
    },
  };
  return { pool: pool as unknown as GeneratorPool, sent, polls: () => polls };
}

/** Server stats that report `waiting` at the n-th call (from 1), counting the calls. */
function fakeStats(waitingAt: (call: number) => number) {
  let calls = 0;
  const stats = async (): Promise<ModelStats> => ({ connections: 4, waiting: waitingAt(++calls), queues: true });
  return { stats, calls: () => calls };
}

describe('warm-up', () => {
  it('measures once every connection has been answered, having run at least the minimum first', async () => {
    const { pool } = fakePool(1, () => ({ live: 4, answered: 4 }));
    const result = await warmUp(pool, 200);
    expect(result.settled).toBe(true);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(result).not.toHaveProperty('answered');
  });

  it('counts the connections the server says it holds waiting as settled, and no others', async () => {
    const { pool, polls } = fakePool(1, () => ({ live: 4, answered: 2 }));
    // The server holds none of the two unanswered connections at first, then both.
    const server = fakeStats((call) => (call < 4 ? 0 : 2));
    const result = await warmUp(pool, 0, server.stats);
    expect(result.settled).toBe(true);
    // It asked once a poll, and stopped at the first answer that covered every connection.
    expect(server.calls()).toBe(4);
    expect(polls()).toBe(4);
  });

  it('without the server to ask, waits for the answers to stop coming before calling the rest waiting', async () => {
    const changing = 30;
    // A new connection answered at each of the first `changing` polls (longer than the settling second
    // at one poll per 50 ms or slower), then none: 10 of the 40 stay unanswered.
    const { pool, polls } = fakePool(1, (poll) => ({ live: 40, answered: Math.min(poll, changing) }));
    const result = await warmUp(pool, 0);
    expect(result.settled).toBe(true);
    expect(polls()).toBeGreaterThan(changing);
  });

  it('gives up at its limit on connections neither answered nor held, and says how far it got', async () => {
    const { pool } = fakePool(1, () => ({ live: 4, answered: 1 }));
    const server = fakeStats(() => 0);
    const result = await warmUp(pool, 0, server.stats, 300);
    expect(result).toMatchObject({ settled: false, answered: 1, live: 4 });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(300);
  });

  it('primed: lets the load loop only once every connection has its first answer, then warms up under load', async () => {
    const firstAnsweredAt = 3;
    const { pool, sent } = fakePool(2, (poll) => ({ live: 4, answered: poll >= firstAnsweredAt ? 4 : 1 }));
    const result = await warmUpPrimed(pool, 100);
    expect(result.settled).toBe(true);
    // Each poll asks both processes; 'go' goes to each, once, after the poll that saw every connection answered.
    const firstGo = sent.indexOf('go');
    expect(sent.slice(0, firstGo)).toEqual(Array(2 * firstAnsweredAt).fill('progress'));
    expect(sent.filter((type) => type === 'go')).toHaveLength(2);
    expect(sent.slice(firstGo, firstGo + 2)).toEqual(['go', 'go']);
    expect(sent.slice(firstGo + 2).every((type) => type === 'progress')).toBe(true);
    // The loaded phase ran its minimum after the primed one, and the elapsed time covers both.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(100);
  });
});
