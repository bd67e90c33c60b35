/** The row builder, in process: what the generators and the server reported becomes one row of results.json. */
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { noErrors, type ErrorCounts, type LoadSpec, type WindowReport } from '../../src/harness/load/generator-protocol.js';
import { failedRow, markFailed } from '../../src/harness/rows/failed-row.js';
import { SCHEDULE_TARGET } from '../../src/harness/load/schedule-target.js';
import { pointRow, type Measured } from '../../src/harness/rows/point-row.js';
import { abandoned } from '../../src/scenarios/abandoned.js';
import { expand, type Point, type Scenario } from '../../src/scenarios/scenario.js';

const placement = { pinned: false, serverCpus: null, generatorCpus: null, note: 'test' };
const closed: Scenario = { name: 'test-closed', description: 'test', kind: 'closed-loop', parameters: { connections: [3], messageSize: [100] } };

/** An encoded histogram holding these µs values. */
function latencies(...values: number[]): string {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
  for (const value of values) histogram.recordValue(value);
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** One generator process's window: `perConnection` messages answered, `elapsedMs` long. */
function window(perConnection: number[], elapsedMs = 1000, more: Partial<WindowReport> = {}): WindowReport {
  const messages = perConnection.reduce((a, b) => a + b, 0);
  return {
    elapsedMs,
    sent: messages,
    messages,
    bytes: messages * 100,
    latency: latencies(...perConnection.map(() => 50)),
    connectionsCompleted: 0,
    perConnection,
    errors: noErrors(),
    cpuUserUs: 100_000,
    cpuSystemUs: 100_000,
    elu: 0.5,
    ...more,
  };
}

const errors = (more: Partial<ErrorCounts>): ErrorCounts => ({ ...noErrors(), ...more });
const load = (connections: number, host = '127.0.0.1') => ({ connections, host, port: 1 }) as LoadSpec;
const finished = (connected: number, connectFailure: string | null = null) => ({ type: 'finished' as const, errors: noErrors(), waitingAtEnd: 0, connected, connectFailure });

/** Two generator processes (2 + 1 connections), two windows of 1 s. */
function measured(point: Point, more: Partial<Measured> = {}): Measured {
  return {
    point,
    model: 'event-loop',
    timing: { warmupMs: 100, windowMs: 1000, repeats: 2, connectTimeoutMs: 1000, answerTimeoutMs: 1000 },
    placement,
    loads: [load(2), load(1)],
    warmedUp: { settled: true, elapsedMs: 100 },
    warm: [{ type: 'warm', waiting: 0, errors: errors({ reset: 1 }) }],
    windows: [
      [window([100, 200]), window([300])],
      [window([100, 200], 500), window([0], 1000)],
    ],
    finished: [{ type: 'finished', errors: errors({ timeout: 2 }), waitingAtEnd: 0, connected: 3, connectFailure: null }],
    server: undefined,
    serverWaiting: 0,
    ...more,
  };
}

const [closedPoint] = expand(closed);

describe('a measured row', () => {
  it("carries the point's parameters, the timing and the placement", () => {
    const row = pointRow(measured(closedPoint!));
    expect(row).toMatchObject({ model: 'event-loop', scenario: 'test-closed', mode: 'closed', connections: 3, pipelining: 1, messageSize: 100, workUsPerMessage: 0 });
    expect(row).toMatchObject({ status: 'ok', durationSec: 1, repeats: 2, placement });
    expect(row.failure).toBeUndefined();
  });

  it('counts msgs/s per window over its slowest process, per connection over all windows, and every error', () => {
    const row = pointRow(measured(closedPoint!));
    // Window 1: 600 messages in 1 s; window 2: 300 messages, the slowest process took 1 s.
    expect(row.msgsPerSec.runs).toEqual([600, 300]);
    expect(row.bytesPerSec.runs).toEqual([60_000, 30_000]);
    expect(row.fairness.perConnection).toEqual([200, 400, 300]);
    expect(row.fairness.starved).toBe(0);
    expect(row.latencyUs.count).toBe(6);
    expect(row.latencyUs.p99Runs).toHaveLength(2);
    expect(row.errors).toEqual(errors({ reset: 1, timeout: 2 }));
    expect(row.client).toMatchObject({ processes: 2, elu: 0.5, clientBound: false });
    // 4 windows × 0.2 s of generator CPU over 2 s measured.
    expect(row.client.cpuPercent).toBeCloseTo(40);
  });

  it('counts a connection that got nothing in any window as starved', () => {
    const row = pointRow(measured(closedPoint!, { windows: [[window([100, 0]), window([300])]] }));
    expect(row.fairness.starved).toBe(1);
    expect(row.fairness.jain).toBeLessThan(1);
  });

  it('has no latency where nothing was answered: figures null, never 0, and no p99 for a silent repeat', () => {
    const hundred = latencies(...Array.from({ length: 100 }, () => 50));
    const silentSecond = pointRow(measured(closedPoint!, { windows: [[window([100, 200], 1000, { latency: hundred }), window([300])], [window([0, 0], 1000, { latency: latencies() }), window([0], 1000, { latency: latencies() })]] }));
    expect(silentSecond.latencyUs.p99Runs).toEqual([50, null]);
    expect(silentSecond.latencyUs.p50).toBe(50);
    const silent = [[window([0, 0], 1000, { latency: latencies() }), window([0], 1000, { latency: latencies() })]];
    const row = pointRow(measured(closedPoint!, { windows: silent, serverWaiting: 3 }));
    expect(row.latencyUs).toMatchObject({ p50: null, p90: null, p99: null, p999: null, max: null, mean: null, count: 0, p99Runs: [null] });
  });

  it('draws no p99 for a repeat of fewer than 100 answers: it would be their maximum', () => {
    const few = pointRow(measured(closedPoint!, { windows: [[window([5, 5], 1000, { latency: latencies(50, 60, 70, 80, 90, 100, 110, 120, 130, 9000) }), window([0])]] }));
    expect(few.latencyUs.p99Runs).toEqual([null]);
    expect(few.latencyUs).toMatchObject({ p99: null, p999: null, count: 11 });
    expect(few.latencyUs.max).toBeGreaterThan(8000);
    expect(few.latencyUs.p50).not.toBeNull();
  });

  it("takes the sampler's server figures when there are some", () => {
    const server = { cpuPercent: 80, userPercent: 50, systemPercent: 30, peakPssBytes: 6e5, peakRssBytes: 1e6, maxProcesses: 1, maxThreads: 7, series: [] };
    expect(pointRow(measured(closedPoint!, { server })).server).toEqual(server);
  });

  it('marks a closed loop client-bound when a generator saturates its event loop', () => {
    const busy = [[window([100, 200], 1000, { elu: 0.95 }), window([300])]];
    expect(pointRow(measured(closedPoint!, { windows: busy })).client.clientBound).toBe(true);
  });

  it('an open-loop row has its target, its achieved rate, and is client-bound by send lag, not ELU', () => {
    const [point] = expand({ ...closed, mode: 'open' }, { rate: [1000] });
    const open = (lagUs: number, perConnection: number[]) =>
      window(perConnection, 1000, { elu: 1, latencyUncorrected: latencies(40), sendLag: latencies(lagUs) });
    const onTime = pointRow(measured(point!, { windows: [[open(10, [300, 300]), open(10, [395])]] }));
    expect(onTime).toMatchObject({ mode: 'open', targetRate: 1000, rateShortfall: false });
    expect(onTime.achievedRate!.median).toBe(995);
    expect(onTime.client.clientBound).toBe(false);
    expect(onTime.latencyUncorrectedUs!.count).toBe(2);
    const late = pointRow(measured(point!, { windows: [[open(5_000, [300, 300]), open(5_000, [300])]] }));
    expect(late).toMatchObject({ rateShortfall: true, client: { clientBound: true } });
  });

  it('an open-loop row is client-bound once its send lag p99 passes what the generator promises (SCHEDULE_TARGET), and says its median lag', () => {
    const [point] = expand({ ...closed, mode: 'open' }, { rate: [1000] });
    const lagging = (lagUs: number[], perConnection: number[]) =>
      window(perConnection, 1000, { elu: 1, latencyUncorrected: latencies(40), sendLag: latencies(...lagUs) });
    const windows = (worstUs: number) => [[lagging([5, 5, 5, worstUs], [330, 330]), lagging([5, 5, 5], [330])]];
    const within = pointRow(measured(point!, { windows: windows(SCHEDULE_TARGET.sendLagP99Us) }));
    expect(within.client).toMatchObject({ clientBound: false, sendLagP50Us: 5, sendLagP99Us: SCHEDULE_TARGET.sendLagP99Us });
    const behind = pointRow(measured(point!, { windows: windows(1.5 * SCHEDULE_TARGET.sendLagP99Us) }));
    expect(behind.client).toMatchObject({ clientBound: true, sendLagP50Us: 5 });
  });

  it('a churn row counts connections per second and their connect latency', () => {
    const [point] = expand({ ...closed, mode: 'churn' }, { messagesPerConnection: [1] });
    const churn = window([10, 10], 1000, { connectionsCompleted: 20, connectLatency: latencies(120, 130) });
    const row = pointRow(measured(point!, { windows: [[churn, { ...churn, perConnection: [5] }]] }));
    expect(row.connectionsPerSec!.runs).toEqual([40]);
    expect(row.connectLatencyUs!.count).toBe(4);
  });
});

describe("a row's status, judged from what was measured", () => {
  const silent = [[window([0, 0]), window([0])]];

  it('is failed when the warm-up never settled, saying how far it got', () => {
    const row = pointRow(measured(closedPoint!, { warmedUp: { settled: false, elapsedMs: 30_400, answered: 1, live: 2 } }));
    expect(row).toMatchObject({ status: 'failed', failure: 'warm-up did not settle in 30 s: 1 of 2 connections answered, the rest neither answered nor queued by the server' });
  });

  it('is failed when nothing was echoed, messages timed out and the server reports nobody waiting', () => {
    const row = pointRow(measured(closedPoint!, { windows: silent }));
    expect(row).toMatchObject({ status: 'failed', failure: 'stopped answering: no echo in the measured interval, 2 messages timed out' });
    expect(pointRow(measured(closedPoint!, { windows: silent, serverWaiting: undefined })).status).toBe('failed');
  });

  it('is empty, never ok, when the server holds the silent connections waiting in its queue, and says so', () => {
    expect(pointRow(measured(closedPoint!, { windows: silent, serverWaiting: 3 }))).toMatchObject({
      status: 'empty',
      emptyReason: 'no message answered in 2 s; the server reported 3 connection(s) waiting in its queue',
    });
  });

  it('is failed when no connection could be made, naming the address and how connecting failed', () => {
    const refused = pointRow(measured(closedPoint!, { windows: silent, finished: [finished(0, 'ECONNREFUSED'), finished(0)] }));
    expect(refused).toMatchObject({ status: 'failed', failure: 'cannot connect to 127.0.0.1:1: ECONNREFUSED' });
    const v6 = pointRow(measured(closedPoint!, { loads: [load(2, '::1'), load(1, '::1')], windows: silent, finished: [finished(0), finished(0, 'no connection within 5 s')] }));
    expect(v6.failure).toBe('cannot connect to [::1]:1: no connection within 5 s');
    // One connection made is enough to measure: the row is judged on what it then saw.
    expect(pointRow(measured(closedPoint!, { finished: [finished(0, 'ECONNREFUSED'), finished(1)] })).status).toBe('ok');
  });

  it('is empty, never ok, when its windows completed nothing before any timeout: raise -d', () => {
    const row = pointRow(measured(closedPoint!, { windows: silent, finished: [finished(3)] }));
    expect(row).toMatchObject({ status: 'empty', emptyReason: 'no message answered in 2 s; raise -d' });
  });

  it('is empty, never ok, when a churn window completed no connection', () => {
    const [point] = expand({ ...closed, mode: 'churn' }, { messagesPerConnection: [1] });
    const slow = window([0, 0], 400, { connectionsCompleted: 0, connectLatency: latencies(120), latency: latencies() });
    const row = pointRow(measured(point!, { timing: { ...measured(point!).timing, windowMs: 400, repeats: 1 }, windows: [[slow, { ...slow, perConnection: [0] }]], finished: [finished(3)] }));
    expect(row).toMatchObject({ status: 'empty', emptyReason: 'no connection completed in 0.4 s; raise -d' });
  });

  it('says only what it saw of an external server that stopped answering', () => {
    const row = pointRow(measured(closedPoint!, { model: 'external', windows: silent, serverWaiting: undefined }));
    expect(row).toMatchObject({ status: 'failed', failure: 'no echo in the measured interval, 2 messages timed out' });
  });
});

describe('a failed row', () => {
  it('measured nothing: its point, its failure, every connection starved', () => {
    const row = failedRow(closedPoint!, 'fork', placement, 1.5, 'did not start: boom');
    expect(row).toMatchObject({ model: 'fork', scenario: 'test-closed', mode: 'closed', connections: 3, messageSize: 100, placement, durationSec: 1.5 });
    expect(row).toMatchObject({ status: 'failed', failure: 'did not start: boom', repeats: 0 });
    expect(row.fairness).toEqual({ jain: 0, starved: 3, perConnection: [] });
    expect(row.msgsPerSec.runs).toEqual([]);
    expect(row.latencyUs).toMatchObject({ count: 0, p50: null, p99: null, max: null });
  });

  it('of the abandoned scenario: its figures null, never 0, where nothing was measured', () => {
    const [point] = expand(abandoned);
    const row = failedRow(point!, 'worker', placement, 0, 'server exited (code 1)');
    expect(row.abandoned).toEqual({ clients: 100, departed: 0, floodMs: 0, deadlineSec: 30, firstEchoMs: null, serverCpuSec: null, serverAbandoned: null, departureBytes: 0, owedEchoes: null });
  });

  it('over a measured row (the server died during it) keeps what was measured', () => {
    const row = markFailed(pointRow(measured(closedPoint!)), 'server exited (SIGKILL): ');
    expect(row).toMatchObject({ status: 'failed', failure: 'server exited (SIGKILL): ' });
    expect(row.msgsPerSec.runs).toEqual([600, 300]);
  });
});
