/** A point's row in results.json, from what its generator processes and the sampler measured. */
import { mergeEncoded, summarize } from '../load/histogram.js';
import { addErrors, noErrors, type FromGenerator, type LoadSpec, type WindowReport } from '../load/load-spec.js';
import type { Placement, ResultRow } from '../../results/schema.js';
import type { Target, Timing } from '../run/run-point.js';
import type { Point } from '../../scenarios/scenario.js';
import { estimate, jainIndex } from './stats.js';
import type { WarmUpResult } from '../run/warm-up.js';

/** A generator saturating its event loop can no longer tell the server's limit from its own. */
const CLIENT_BOUND_ELU = 0.9;
/** Open loop: the schedule spins on its own core, so its ELU is always high; sends this late mean it fell behind. */
const CLIENT_BOUND_SEND_LAG_US = 1000;

export interface Measured {
  point: Point;
  target: Target;
  timing: Timing;
  placement: Placement;
  /** One load per generator process. */
  loads: LoadSpec[];
  warmedUp: WarmUpResult;
  warm: Extract<FromGenerator, { type: 'warm' }>[];
  /** [window][process] */
  windows: WindowReport[][];
  finished: Extract<FromGenerator, { type: 'finished' }>[];
  server: ResultRow['server'] | undefined;
}

export const NO_SERVER_SAMPLES: ResultRow['server'] = { cpuPercent: 0, userPercent: 0, systemPercent: 0, peakRssBytes: 0, maxProcesses: 0, maxThreads: 0, series: [] };

export function pointRow({ point, target, timing, placement, loads, warmedUp, warm, windows, finished, server }: Measured): ResultRow {
  const errors = noErrors();
  for (const m of warm) addErrors(errors, m.errors);
  for (const reports of windows) for (const r of reports) addErrors(errors, r.errors);
  for (const m of finished) addErrors(errors, m.errors);

  // A window lasts as long as its slowest generator process took to report it.
  const seconds = (reports: WindowReport[]) => Math.max(...reports.map((r) => r.elapsedMs)) / 1000;
  const perWindow = (value: (r: WindowReport) => number) => windows.map((reports) => reports.reduce((sum, r) => sum + value(r), 0) / seconds(reports));
  const all = windows.flat();
  const msgsPerSec = estimate(perWindow((r) => r.messages));
  const perConnection = loads.flatMap((spec, g) =>
    Array.from({ length: spec.connections }, (_, c) => windows.reduce((sum, reports) => sum + reports[g]!.perConnection[c]!, 0)),
  );
  const elapsedSec = windows.reduce((sum, reports) => sum + seconds(reports), 0);
  const clientCpuUs = all.reduce((sum, r) => sum + r.cpuUserUs + r.cpuSystemUs, 0);
  const elu = Math.max(0, ...loads.map((_, g) => windows.reduce((sum, reports) => sum + reports[g]!.elu, 0) / windows.length));
  const p99OfWindow = (reports: WindowReport[]) => {
    const merged = mergeEncoded(reports.map((r) => r.latency));
    return merged.totalCount === 0 ? 0 : merged.getValueAtPercentile(99);
  };
  const mode = point.scenario.mode;
  const sendLagP99Us = mode === 'open' ? mergeEncoded(all.map((r) => r.sendLag!)).getValueAtPercentile(99) : undefined;

  const row: ResultRow = {
    model: target.model,
    scenario: point.scenario.name,
    mode,
    connections: point.connections,
    pipelining: point.pipelining,
    messageSize: point.messageSize,
    workUsPerMessage: point.workUsPerMessage,
    // A server still starting after the warm-up limit is not measurable: its row says so.
    status: warmedUp.settled ? 'ok' : 'failed',
    ...(warmedUp.settled ? {} : { failure: `warm-up did not settle in ${Math.round(warmedUp.elapsedMs / 1000)} s: the server was still starting` }),
    durationSec: timing.windowMs / 1000,
    repeats: timing.repeats,
    placement,
    msgsPerSec,
    bytesPerSec: estimate(perWindow((r) => r.bytes)),
    latencyUs: { ...summarize(mergeEncoded(all.map((r) => r.latency))), p99Runs: windows.map(p99OfWindow) },
    errors,
    fairness: { jain: jainIndex(perConnection), starved: perConnection.filter((n) => n === 0).length, perConnection },
    server: server ?? NO_SERVER_SAMPLES,
    client: {
      cpuPercent: elapsedSec > 0 ? (100 * clientCpuUs) / 1e6 / elapsedSec : 0,
      elu,
      clientBound: sendLagP99Us === undefined ? elu >= CLIENT_BOUND_ELU : sendLagP99Us > CLIENT_BOUND_SEND_LAG_US,
      processes: loads.length,
      ...(sendLagP99Us === undefined ? {} : { sendLagP99Us }),
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
