/**
 * A capacity step judged as a whole and interval by interval: why a step failed (its rate, its
 * latency, or the server stopped answering), and which of its intervals failed and what the server
 * and the generator did in each. The search (harness/capacity/judge.ts) and the report read the same
 * rule, so what the report names is what the search decided on.
 */
import type { IntervalSeries, ResultRow, Slo, StepFailure } from './schema.js';
import { heldRate } from './held-rate.js';

export type { StepFailure };

/**
 * An interval measured over less than this share of its length (the windows' first and last,
 * which rarely fall on the grid's boundaries) is a stub: a few ms of answers that say nothing on
 * their own. It is not judged, not named, and not counted as an interval of the step.
 */
const STUB_SHARE = 0.5;

/** Why a whole step failed, from its row; empty where it passed. */
export function stepFailures(row: ResultRow, slo: Slo): StepFailure[] {
  const offered = row.targetRate ?? 0;
  const achieved = (row.achievedRate ?? row.msgsPerSec).median;
  const latency = row.latencyUs[slo.percentile];
  const failures: StepFailure[] = [];
  if (row.status !== 'ok') failures.push('status');
  if (!(offered > 0 && heldRate(achieved, offered))) failures.push('rate');
  // No answer at all has no percentile: the rate already fails it.
  if (latency !== null && latency > slo.objectiveUs) failures.push('latency');
  return failures;
}

/** One interval of a step that is not a stub, with what was measured in it (null: not measured there). */
export interface StepInterval {
  index: number;
  /** ms since the step's measurement began (the series' grid). */
  fromMs: number;
  toMs: number;
  answers: number;
  msgsPerSec: number | null;
  /** The objective's percentile over the interval's answers; null where none came back or the series does not keep that percentile (p999). */
  percentileUs: number | null;
  serverCpuPercent: number | null;
  /** One /proc tick over the interval, % of one core (a CPU under it reads "< this"); absent where not recorded. */
  serverCpuResolutionPercent?: number;
  /** null: the generator sent nothing in the interval; undefined: the series keeps no send lag (closed loop, or a run that did not record it). */
  sendLagP99Us: number | null | undefined;
  failedOn: Exclude<StepFailure, 'status'>[];
}

/** The series' figure of the objective's percentile, where it keeps one per interval. */
function percentileSeries(series: IntervalSeries, slo: Slo): (number | null)[] | undefined {
  return slo.percentile === 'p50' ? series.p50Us : slo.percentile === 'p99' ? series.p99Us : undefined;
}

/** The measured part of interval k, ms: the first starts when the windows did, the last ends with them. */
function measuredMs(series: Pick<IntervalSeries, 'intervalMs' | 'firstMs' | 'spanMs'>, k: number): number {
  const { intervalMs, firstMs, spanMs } = series;
  return Math.max(0, Math.min((k + 1) * intervalMs, spanMs) - Math.max(k * intervalMs, firstMs));
}

/** The step's intervals, stubs left out; empty where the row has no series. */
export function stepIntervals(row: ResultRow, slo: Slo): StepInterval[] {
  const series = row.intervals;
  if (!series) return [];
  const offered = row.targetRate ?? 0;
  const latency = percentileSeries(series, slo);
  const out: StepInterval[] = [];
  series.messages.forEach((answers, k) => {
    if (measuredMs(series, k) < STUB_SHARE * series.intervalMs) return;
    const msgsPerSec = series.msgsPerSec[k] ?? null;
    const percentileUs = latency?.[k] ?? null;
    const failedOn: StepInterval['failedOn'] = [];
    if (msgsPerSec !== null && !heldRate(msgsPerSec, offered)) failedOn.push('rate');
    if (percentileUs !== null && percentileUs > slo.objectiveUs) failedOn.push('latency');
    out.push({
      index: k,
      fromMs: Math.max(k * series.intervalMs, series.firstMs),
      toMs: Math.min((k + 1) * series.intervalMs, series.spanMs),
      answers,
      msgsPerSec,
      percentileUs,
      serverCpuPercent: series.serverCpuPercent?.[k] ?? null,
      ...(series.serverCpuResolutionPercent === undefined ? {} : { serverCpuResolutionPercent: series.serverCpuResolutionPercent }),
      sendLagP99Us: series.sendLagP99Us ? (series.sendLagP99Us[k] ?? null) : undefined,
      failedOn,
    });
  });
  return out;
}

/**
 * A failing step whose every interval failed too (and that has at least this many), while answers
 * came back in each: the server kept working through the whole step, too slowly, so no single stall
 * made the failure. One failing in some intervals only, or with an interval in which nothing came
 * back (a stall of the server, the generator or the machine may span a whole short step), may be a
 * stall's doing, and the search measures its rate once more before it goes below it.
 */
const STEADY_MIN_INTERVALS = 3;

export function failedThroughout(row: ResultRow, slo: Slo): boolean {
  const intervals = stepIntervals(row, slo);
  return (
    stepFailures(row, slo).length > 0 &&
    intervals.length >= STEADY_MIN_INTERVALS &&
    intervals.every((interval) => interval.failedOn.length > 0 && interval.answers > 0)
  );
}
