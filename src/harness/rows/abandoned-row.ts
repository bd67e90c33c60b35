/** The abandoned scenario's row, from the generator's reports, the server's own counts and the sampler. */
import { baseRow } from './base-row.js';
import { addErrors, noErrors, type DepartReport, type ProbeReport } from '../load/generator-protocol.js';
import type { OwedEchoes, Placement, ResultRow } from '../../results/schema.js';
import type { Point } from '../../scenarios/scenario.js';
import type { WarmUpResult } from '../load/warm-up.js';

export interface AbandonedMeasurement {
  point: Point;
  model: ResultRow['model'];
  placement: Placement;
  warmedUp: WarmUpResult;
  /** One per generator process. */
  departures: DepartReport[];
  /** The timing process's report. */
  probe: ProbeReport;
  /** Other processes' reports (their held load's errors). */
  otherProbes: ProbeReport[];
  serverAbandoned: number | null;
  server: ResultRow['server'] | undefined;
}

/** The half-closed clients' echoes over every process; null when none of them was owed one. */
function owedEchoesOf(reports: readonly ProbeReport[]): OwedEchoes | null {
  const owed = reports.map((report) => report.owedEchoes).filter((o): o is OwedEchoes => o !== null);
  if (owed.length === 0) return null;
  return owed.reduce((sum, o) => ({ echoed: sum.echoed + o.echoed, closedShort: sum.closedShort + o.closedShort, waiting: sum.waiting + o.waiting }));
}

export function abandonedRow(m: AbandonedMeasurement): ResultRow {
  const { probe } = m;
  const departed = m.departures.reduce((sum, d) => sum + d.departed, 0);
  const pending = m.departures.reduce((sum, d) => sum + d.pending, 0);
  const floodMs = Math.max(...m.departures.map((d) => d.floodMs));
  const errors = noErrors();
  for (const report of [...m.departures, probe, ...m.otherProbes]) addErrors(errors, report.errors);
  const base = baseRow(m.point, m.model, m.placement, (floodMs + (probe.firstEchoMs ?? 0)) / 1000);
  // A load that never settled did not hold the server as intended: that is the row's first problem.
  const failure = !m.warmedUp.settled
    ? `the busy connections had not all been answered or queued after ${Math.round(m.warmedUp.elapsedMs / 1000)} s`
    : pending > 0
      ? `${pending} of ${base.abandoned!.clients} departing clients had not connected by the deadline`
      : probe.failure;
  return {
    ...base,
    ...(failure === undefined ? {} : { status: 'failed', failure }),
    repeats: 1,
    abandoned: { ...base.abandoned!, departed, floodMs, firstEchoMs: probe.firstEchoMs, serverCpuSec: probe.serverCpuSec, serverAbandoned: m.serverAbandoned, owedEchoes: owedEchoesOf([probe, ...m.otherProbes]) },
    errors,
    server: m.server ?? null,
    client: { ...base.client, processes: m.departures.length },
  };
}
