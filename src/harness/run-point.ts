/** One point against one running server: warm up, measure `repeats` windows, finish, and build its row. */
import type { GeneratorPool } from './generator-pool.js';
import { mergeEncoded, summarize } from './histogram.js';
import { addErrors, evenShare, noErrors, type FromGenerator, type LoadSpec, type WindowReport } from './load-spec.js';
import type { Placement, ResultRow } from './results-schema.js';
import { TreeSampler } from './sampler.js';
import type { Point } from './scenario.js';
import { estimate, jainIndex } from './stats.js';
import { warmUp } from './warm-up.js';
import type { ModelStats } from '../models/model.js';

export interface Timing {
  warmupMs: number;
  windowMs: number;
  repeats: number;
  connectTimeoutMs: number;
  answerTimeoutMs: number;
}

export interface Target {
  model: ResultRow['model'];
  host: string;
  port: number;
  /** The server's pid to sample, and its stats (both undefined for an external target). */
  pid: number | undefined;
  stats: (() => Promise<ModelStats>) | undefined;
}

/** A generator saturating its event loop can no longer tell the server's limit from its own. */
const CLIENT_BOUND_ELU = 0.9;

/** Split a point's connections (and rate) across the generator processes. */
function specs(point: Point, target: Target, timing: Timing, processes: number): LoadSpec[] {
  const n = Math.min(processes, point.connections);
  let first = 0;
  return Array.from({ length: processes }, (_, i) => {
    const connections = i < n ? evenShare(point.connections, n, i) : 0;
    const spec: LoadSpec = {
      host: target.host,
      port: target.port,
      mode: point.scenario.mode,
      connections,
      firstConnection: first,
      idleConnections: i === 0 ? point.idleConnections : 0,
      messageSize: point.messageSize,
      pipelining: point.pipelining,
      rate: (point.rate * connections) / point.connections,
      messagesPerConnection: point.messagesPerConnection,
      amount: Array.from({ length: connections }, (_, c) => evenShare(point.amount, point.connections, first + c)).reduce((a, b) => a + b, 0),
      connectTimeoutMs: timing.connectTimeoutMs,
      answerTimeoutMs: timing.answerTimeoutMs,
    };
    first += connections;
    return spec;
  });
}

export async function runPoint(point: Point, target: Target, timing: Timing, pool: GeneratorPool, placement: Placement): Promise<ResultRow> {
  const loads = specs(point, target, timing, pool.size);
  loads.forEach((spec, i) => pool.send(i, { type: 'start', spec }));
  await pool.collect('started', timing.connectTimeoutMs + 10_000);
  // A fixed amount is counted from the first message: no warm-up.
  const warmedUp = point.amount > 0 ? { settled: true, elapsedMs: 0 } : await warmUp(pool, timing.warmupMs, target.stats);

  const sampler = target.pid === undefined ? undefined : new TreeSampler(target.pid);
  sampler?.start();
  let warm: Extract<FromGenerator, { type: 'warm' }>[];
  const windows: WindowReport[][] = []; // [window][process]
  let server: ResultRow['server'] | undefined;
  try {
    loads.forEach((_, i) => pool.send(i, { type: 'measure', windows: timing.repeats, windowMs: timing.windowMs }));
    warm = await pool.collect('warm', 10_000);
    for (let w = 0; w < timing.repeats; w++) {
      windows.push((await pool.collect('window', timing.windowMs + 10_000)).map((m) => m.report));
    }
  } finally {
    server = sampler?.stop(); // also when a generator fails: no sampling timer is left running
  }
  loads.forEach((_, i) => pool.send(i, { type: 'finish' }));
  const finished = await pool.collect('finished', 10_000);

  const errors = noErrors();
  for (const m of warm) addErrors(errors, m.errors);
  for (const reports of windows) for (const r of reports) addErrors(errors, r.errors);
  for (const m of finished) addErrors(errors, m.errors);

  const perWindow = (value: (r: WindowReport) => number) =>
    windows.map((reports) => reports.reduce((sum, r) => sum + value(r), 0) / (Math.max(...reports.map((r) => r.elapsedMs)) / 1000));
  const all = windows.flat();
  const msgsPerSec = estimate(perWindow((r) => r.messages));
  const perConnection = loads.flatMap((spec, g) =>
    Array.from({ length: spec.connections }, (_, c) => windows.reduce((sum, reports) => sum + reports[g]!.perConnection[c]!, 0)),
  );
  const elapsedSec = all.length ? windows.reduce((s, reports) => s + Math.max(...reports.map((r) => r.elapsedMs)), 0) / 1000 : 0;
  const clientCpuUs = all.reduce((s, r) => s + r.cpuUserUs + r.cpuSystemUs, 0);
  const elu = Math.max(0, ...loads.map((_, g) => windows.reduce((s, reports) => s + reports[g]!.elu, 0) / windows.length));
  const latency = {
    ...summarize(mergeEncoded(all.map((r) => r.latency))),
    p99Runs: windows.map((reports) => {
      const merged = mergeEncoded(reports.map((r) => r.latency));
      return merged.totalCount === 0 ? 0 : merged.getValueAtPercentile(99);
    }),
  };
  const mode = point.scenario.mode;

  const row: ResultRow = {
    model: target.model,
    scenario: point.scenario.name,
    mode,
    connections: point.connections,
    pipelining: point.pipelining,
    messageSize: point.messageSize,
    workUsPerMessage: point.workUsPerMessage,
    status: 'ok',
    ...(warmedUp.settled ? {} : { failure: `warm-up did not settle in ${Math.round(warmedUp.elapsedMs / 1000)} s: measured while the server was still starting` }),
    durationSec: timing.windowMs / 1000,
    repeats: timing.repeats,
    placement,
    msgsPerSec,
    bytesPerSec: estimate(perWindow((r) => r.bytes)),
    latencyUs: latency,
    errors,
    fairness: { jain: jainIndex(perConnection), starved: perConnection.filter((n) => n === 0).length, perConnection },
    server: server ?? { cpuPercent: 0, userPercent: 0, systemPercent: 0, peakRssBytes: 0, maxProcesses: 0, maxThreads: 0, series: [] },
    client: {
      cpuPercent: elapsedSec > 0 ? (100 * clientCpuUs) / 1e6 / elapsedSec : 0,
      elu,
      clientBound: elu >= CLIENT_BOUND_ELU,
      processes: pool.size,
    },
  };
  if (mode === 'open') {
    row.latencyUncorrectedUs = summarize(mergeEncoded(all.map((r) => r.latencyUncorrected!)));
    row.targetRate = point.rate;
    row.achievedRate = msgsPerSec;
    row.rateShortfall = msgsPerSec.median < 0.99 * point.rate;
  }
  if (mode === 'churn') {
    row.connectionsPerSec = estimate(perWindow((r) => r.connectionsCompleted));
    row.connectLatencyUs = summarize(mergeEncoded(all.map((r) => r.connectLatency!)));
  }
  return row;
}
