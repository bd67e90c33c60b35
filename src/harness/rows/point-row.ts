/** A point's row in results.json, from what its generator processes, the sampler and the server measured. */
import { supported } from '../../results/latency-support.js';
import { mergeEncoded, summarize } from '../load/histogram.js';
import { addErrors, noErrors, type FromGenerator, type LoadSpec, type WindowReport } from '../load/generator-protocol.js';
import type { Placement, ResultRow } from '../../results/schema.js';
import type { Timing } from '../plan/timing.js';
import type { Point } from '../../scenarios/scenario.js';
import { baseRow } from './base-row.js';
import { markFailed } from './failed-row.js';
import { estimate, jainIndex } from './stats.js';
import { SCHEDULE_TARGET } from '../load/schedule-target.js';
import { num } from '../../results/format.js';
import { heldRate } from '../../results/held-rate.js';
import { hostPort } from '../../shared/address.js';
import type { WarmUpResult } from '../load/warm-up.js';

/** A generator saturating its event loop can no longer tell the server's limit from its own. */
const CLIENT_BOUND_ELU = 0.9;

export interface Measured {
  point: Point;
  model: ResultRow['model'];
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
  /** Connections the server reported holding in its queue at the end of the measurement (undefined: it cannot be asked). */
  serverWaiting: number | undefined;
}

export function pointRow(measured: Measured): ResultRow {
  const row = measuredRow(measured);
  const unreachable = connectFailure(measured);
  if (unreachable) return markFailed(row, unreachable);
  // A server still starting after the warm-up limit is not measurable: its row says so.
  if (!measured.warmedUp.settled) return markFailed(row, unsettled(measured.warmedUp));
  return judgeEmpty(judgeSilence(row, measured.serverWaiting), measured.serverWaiting);
}

/** Not one connection could be made: the row measured nothing, and says how connecting failed. */
function connectFailure({ loads, finished }: Measured): string | undefined {
  if (finished.length === 0 || finished.some((report) => report.connected > 0)) return undefined;
  const { host, port } = loads[0]!;
  const cause = finished.find((report) => report.connectFailure !== null)?.connectFailure ?? 'no connection was made';
  return `cannot connect to ${hostPort(host, port)}: ${cause}`;
}

/**
 * A row with no echo in its whole measured interval and messages past the answer timeout is failed
 * ("stopped answering"), unless the server reported connections waiting in its queue: a sequential
 * server busy with one client, or a pool whose threads idle clients hold, starves the rest by design,
 * and the row's starved count says so. Judged from what the server reported, never from the model's name.
 * An external server cannot be asked: its row says only what was seen.
 */
export function judgeSilence(row: ResultRow, serverWaiting: number | undefined): ResultRow {
  if (row.status !== 'ok' || row.msgsPerSec.median > 0 || row.errors.timeout === 0 || (serverWaiting ?? 0) > 0) return row;
  const seen = `no echo in the measured interval, ${row.errors.timeout} messages timed out`;
  return markFailed(row, row.model === 'external' ? seen : `stopped answering: ${seen}`);
}

/**
 * A row whose measured windows completed nothing (no message answered; in churn, no connection
 * completed) has no rate or latency to read: it is never ok. It says what the windows saw and, where
 * a longer window would help, what to change.
 */
function judgeEmpty(row: ResultRow, serverWaiting: number | undefined): ResultRow {
  if (row.status !== 'ok') return row;
  const completed = row.mode === 'churn' ? row.connectionsPerSec! : row.msgsPerSec;
  if (completed.runs.some((rate) => rate > 0)) return row;
  const within = `in ${num(row.durationSec * row.repeats)} s`;
  const reason =
    row.mode === 'churn'
      ? `no connection completed ${within}; raise -d`
      : (serverWaiting ?? 0) > 0
        ? `no message answered ${within}; the server reported ${serverWaiting} connection(s) waiting in its queue`
        : `no message answered ${within}; raise -d`;
  return { ...row, status: 'empty', emptyReason: reason };
}

function measuredRow({ point, model, timing, placement, loads, warm, windows, finished, server }: Measured): ResultRow {
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
    return supported('p99', merged.totalCount, () => merged.getValueAtPercentile(99));
  };
  const mode = point.mode;
  const sendLag = mode === 'open' ? mergeEncoded(all.map((r) => r.sendLag!)) : undefined;
  // Nothing sent, no lag measured: left out rather than 0.
  const lagAt = (p: number) => (sendLag && sendLag.totalCount > 0 ? sendLag.getValueAtPercentile(p) : undefined);
  const sendLagP99Us = lagAt(99);
  const sendLagP50Us = lagAt(50);

  const base = baseRow(point, model, placement, timing.windowMs / 1000);
  const row: ResultRow = {
    ...base,
    repeats: timing.repeats,
    msgsPerSec,
    bytesPerSec: estimate(perWindow((r) => r.bytes)),
    latencyUs: { ...summarize(mergeEncoded(all.map((r) => r.latency))), p99Runs: windows.map(p99OfWindow) },
    errors,
    fairness: { jain: jainIndex(perConnection), starved: perConnection.filter((n) => n === 0).length, perConnection },
    server: server ?? null,
    client: {
      cpuPercent: elapsedSec > 0 ? (100 * clientCpuUs) / 1e6 / elapsedSec : 0,
      elu,
      // Open loop: the schedule spins on its own core, so its ELU is always high; sends later than the
      // generator promises (SCHEDULE_TARGET) mean it fell behind.
      clientBound: mode !== 'open' ? elu >= CLIENT_BOUND_ELU : sendLagP99Us !== undefined && sendLagP99Us > SCHEDULE_TARGET.sendLagP99Us,
      processes: loads.length,
      ...(sendLagP99Us === undefined ? {} : { sendLagP99Us }),
      ...(sendLagP50Us === undefined ? {} : { sendLagP50Us }),
    },
  };
  if (mode === 'open') {
    row.latencyUncorrectedUs = summarize(mergeEncoded(all.map((r) => r.latencyUncorrected!)));
    row.targetRate = point.rate;
    row.achievedRate = msgsPerSec;
    row.rateShortfall = !heldRate(msgsPerSec.median, point.rate);
  }
  if (mode === 'churn') {
    row.connectionsPerSec = estimate(perWindow((r) => r.connectionsCompleted));
    row.connectLatencyUs = summarize(mergeEncoded(all.map((r) => r.connectLatency!)));
  }
  return row;
}

/** Says what the warm-up saw, not why: a server still starting and one that stopped look alike from here. */
function unsettled({ elapsedMs, answered, live }: WarmUpResult): string {
  const seen = answered !== undefined && live !== undefined ? `${answered} of ${live} connections answered, the rest neither answered nor queued by the server` : 'the server was still starting';
  return `warm-up did not settle in ${Math.round(elapsedMs / 1000)} s: ${seen}`;
}
