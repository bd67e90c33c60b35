/** A capacity search end to end against event-loop, through the real harness path, on a tiny budget. */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runSearch, START_SHARE } from '../../src/harness/run/run-search.js';
import { stepAnswers, stepWindowMs } from '../../src/harness/capacity/step-length.js';
import { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import { formatCapacityTable } from '../../src/harness/output/capacity-table.js';
import { planPlacement } from '../../src/harness/plan/placement.js';
import type { Timing } from '../../src/harness/plan/timing.js';
import { checkResults } from '../../src/results/check-results.js';
import { num } from '../../src/results/format.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { expand, type ScenarioOf } from '../../src/scenarios/scenario.js';
import { FIXTURE_A } from '../report/fixture-run.js';
import { serverPool } from '../helpers/servers.js';

const servers = serverPool();
const pool = new GeneratorPool(1);
afterEach(() => servers.cleanup());
afterAll(() => pool.kill());

const timing: Timing = { warmupMs: 100, windowMs: 300, repeats: 3, connectTimeoutMs: 3000, answerTimeoutMs: 1000 };
/** Steps of at most 0.6 s: with the warm-up, shorter than the answer timeout, so a starved connection's messages are not yet overdue at a step's end. */
const maxStepMs = 600;
const scenario: ScenarioOf<'capacity'> = { name: 'capacity', description: 'test', kind: 'capacity', parameters: { connections: [4], messageSize: [64] }, search: { maxStepMs } };
const budget = { maxClimbSteps: 2, maxDescentSteps: 1, bisections: 1, minRate: 200 };

describe('capacity search against event-loop', () => {
  it('measures every step as an open-loop row, ends with the answer, leaves no connection on the server, and fits the schema', async () => {
    pool.ensure(null);
    const server = await servers.start('event-loop');
    const target = { model: 'event-loop' as const, host: server.host, port: server.port, pid: server.pid, stats: server.stats };
    // A generous objective: a slow shared machine still passes the first steps.
    const [point] = expand(scenario, {}, { percentile: 'p99', objectiveUs: 1_000_000 });
    const steps = await runSearch(point!, target, timing, pool, planPlacement('rest', 2, false), budget);
    const rows = steps.map(({ row }) => row);

    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(1 + budget.maxClimbSteps + budget.bisections);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ mode: 'open', scenario: 'capacity', connections: 4, repeats: 1, rateSearch: { step: i + 1 } });
      expect(row.targetRate).toBeGreaterThanOrEqual(budget.minRate);
      // One window a step, whatever the run's repeats, as long as its rate needs for its p99's answers (whole intervals, bounded).
      expect(row.durationSec).toBeCloseTo(stepWindowMs(row.targetRate!, stepAnswers('p99'), 100, maxStepMs) / 1000);
      // The open loop's send lag, per interval of the step's series.
      expect(row.intervals!.sendLagP99Us).toHaveLength(row.intervals!.messages.length);
    });
    expect(rows.slice(0, -1).every((row) => row.rateSearch!.result === undefined)).toBe(true);
    expect(new Set(steps.map(({ hlog }) => hlog)).size, 'every step carries its own interval log').toBe(steps.length);
    const result = rows.at(-1)!.rateSearch!.result!;
    expect(result.steps).toBe(rows.length);
    expect(result).toMatchObject({ stepAnswers: stepAnswers('p99'), minRate: budget.minRate });
    expect(result.probeMsgsPerSec).toBeGreaterThan(0);
    // The start comes from the probe (a share of its closed-loop rate), not a constant.
    expect(result.startRate).toBe(Math.max(1, Math.round(result.probeMsgsPerSec * START_SHARE)));
    expect(rows[0]!.targetRate).toBe(Math.max(budget.minRate, result.startRate));
    const passed = rows.filter((row) => row.rateSearch!.passed).map((row) => row.targetRate!);
    expect(result.sustainedRate).toBe(passed.length > 0 ? Math.max(...passed) : null);
    // Drained: the last step's connections are gone from the server's own count.
    expect((await server.stats()).connections).toBe(0);

    const file = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
    file.results = rows;
    expect(() => checkResults(file)).not.toThrow();
    // The terminal's one line for the model names the sustained rate and the bracket.
    const line = formatCapacityTable(rows).split('\n').find((text) => text.includes('event-loop'))!;
    expect(line).toContain(result.sustainedRate === null ? '—' : num(result.sustainedRate));
    if (result.firstFailingRate !== null) expect(line).toContain(num(result.firstFailingRate));
  }, 60_000);
});

/** A plain echo server that counts the connections it accepts; `answerFirstOnly`: like sequential, it echoes only its first connection. */
async function countingEcho(answerFirstOnly: boolean) {
  let accepted = 0;
  const live = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    live.add(socket);
    socket.on('close', () => live.delete(socket));
    socket.on('error', () => {});
    if (accepted++ === 0 || !answerFirstOnly) socket.pipe(socket);
    else socket.resume(); // read and drop: never answered, and its client's close is still seen
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const target = {
    model: 'event-loop' as const,
    host: '127.0.0.1',
    port,
    pid: undefined,
    // As a model reports it: connections it serves, and (first-only) the rest waiting.
    stats: async () => ({ connections: live.size, queues: answerFirstOnly, waiting: answerFirstOnly ? Math.max(0, live.size - 1) : 0 }),
  };
  return { target, accepted: () => accepted, live: () => live.size, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A whole search (a generous objective) against a counting echo server: its rows, and what the server counted. */
async function searchCounting(answerFirstOnly: boolean) {
  pool.ensure(null);
  const echo = await countingEcho(answerFirstOnly);
  try {
    const [point] = expand(scenario, {}, { percentile: 'p99', objectiveUs: 1_000_000 });
    const rows = (await runSearch(point!, echo.target, timing, pool, planPlacement('rest', 2, false), budget)).map(({ row }) => row);
    return { rows, accepted: echo.accepted(), liveAtEnd: echo.live() };
  } finally {
    await echo.close();
  }
}

describe('one set of connections for the whole search', () => {
  it('opens them for the probe, keeps them through every step, and closes them at the end', async () => {
    const { rows, accepted, liveAtEnd } = await searchCounting(false);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.status === 'ok' && row.msgsPerSec.median > 0)).toBe(true);
    // 4 connections, once: a step that opened its own would have made 4 more.
    expect(accepted).toBe(4);
    expect(liveAtEnd).toBe(0);
  }, 60_000);

  it('does not wait between steps for connections the server never answered (they stay starved, as on new ones)', async () => {
    const { rows, accepted } = await searchCounting(true);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    // Each step: one connection answered, three starved; none reconnected after waiting out the drain limit.
    expect(rows.every((row) => row.fairness.starved === 3)).toBe(true);
    expect(accepted).toBe(4);
    // The starved connections' messages are not counted again, step after step, as timeouts.
    expect(rows.every((row) => row.errors.timeout === 0)).toBe(true);
  }, 60_000);
});
