/** The connections scenario's rows: a measured step, a projected one (its measured figures null), or one that failed. */
import { baseRow } from './base-row.js';
import { failedRow } from './failed-row.js';
import type { ConnectionsStepFigures, ErrorKind, Placement, ResultRow } from '../../results/schema.js';
import type { HoldReport } from '../load/generator-protocol.js';
import type { Point } from '../../scenarios/scenario.js';
import type { ConnectionSeries } from '../plan/connection-series.js';
import type { Projection } from './step-projection.js';
import type { KernelTcp } from '../server/machine-memory.js';

export interface StepContext {
  point: Point;
  model: ResultRow['model'];
  placement: Placement;
  series: ConnectionSeries;
  projection: Projection;
  safetyBoundBytes: number;
  baselinePssBytes: number | null;
}

/** Every figure a step measures, null: what a projected or failed step carries. */
function unmeasured(c: StepContext): ConnectionsStepFigures {
  const { hold } = c.point;
  return {
    series: c.series.series,
    cap: c.series.cap,
    echoEverySec: hold!.echoEverySec,
    deadlineSec: hold!.deadlineSec,
    projected: false,
    projectedReason: null,
    projectedPssBytes: c.projection.projectedPssBytes,
    safetyBoundBytes: c.safetyBoundBytes,
    baselinePssBytes: c.baselinePssBytes,
    pssBytes: null,
    bytesPerConnection: null,
    processes: null,
    threads: null,
    served: null,
    queued: null,
    failed: null,
    liveEchoes: null,
    firstEchoMs: null,
    startMs: null,
    kernelTcpBytes: null,
    kernelTcpSockets: null,
  };
}

/** Not run: nothing measured, the reason said as the row's empty reason too, for readers that know no steps. */
export function projectedRow(c: StepContext): ResultRow {
  const reason = c.projection.reason!;
  return {
    ...baseRow(c.point, c.model, c.placement, 0),
    status: 'empty',
    emptyReason: `projected, not run: ${reason}`,
    connectionsStep: { ...unmeasured(c), projected: true, projectedReason: reason },
  };
}

export function failedStepRow(c: StepContext, failure: string): ResultRow {
  return { ...failedRow(c.point, c.model, c.placement, 0, failure), connectionsStep: unmeasured(c) };
}

/** The generator processes' reports summed (the first process's probe times the new connection). */
export function sumReports(reports: readonly HoldReport[]): HoldReport {
  const sum = (figure: (r: HoldReport) => number) => reports.reduce((total, r) => total + figure(r), 0);
  const errors = Object.fromEntries(Object.keys(reports[0]!.errors).map((kind) => [kind, sum((r) => r.errors[kind as ErrorKind])])) as HoldReport['errors'];
  const starts = reports.map((r) => r.startMs).filter((ms): ms is number => ms !== null);
  return {
    held: sum((r) => r.held),
    served: sum((r) => r.served),
    queued: sum((r) => r.queued),
    failed: sum((r) => r.failed),
    errors,
    liveEchoes: sum((r) => r.liveEchoes),
    startMs: starts.length > 0 ? Math.max(...starts) : null,
    firstEchoMs: reports[0]!.firstEchoMs,
  };
}

export function measuredStepRow(c: StepContext, report: HoldReport, server: NonNullable<ResultRow['server']>, tcp: KernelTcp | undefined, durationSec: number): ResultRow {
  const connections = c.point.connections;
  const pss = server.peakPssBytes > 0 ? server.peakPssBytes : null;
  const base = baseRow(c.point, c.model, c.placement, durationSec);
  // Connections that were neither answered nor left waiting were lost: the step did not hold what it says.
  const missing = connections - report.served - report.queued;
  return {
    ...base,
    ...(missing > 0 ? { status: 'failed' as const, failure: `${missing} of ${connections} connections failed or closed (see errors)` } : {}),
    repeats: 1,
    errors: report.errors,
    fairness: { ...base.fairness, starved: report.queued },
    server,
    client: { ...base.client, processes: 1 },
    connectionsStep: {
      ...unmeasured(c),
      pssBytes: pss,
      bytesPerConnection: pss === null || c.baselinePssBytes === null ? null : (pss - c.baselinePssBytes) / connections,
      processes: server.maxProcesses,
      threads: server.maxThreads,
      served: report.served,
      queued: report.queued,
      failed: report.failed,
      liveEchoes: report.liveEchoes,
      firstEchoMs: report.firstEchoMs,
      startMs: report.startMs,
      kernelTcpBytes: tcp?.bytes ?? null,
      kernelTcpSockets: tcp?.sockets ?? null,
    },
  };
}
