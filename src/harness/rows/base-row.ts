/**
 * The row every row (measured, failed, empty, abandoned) starts from: the point's identity and
 * nothing measured yet. Its status is 'ok' until what its builder measured says otherwise ('empty'
 * when the load completed nothing, 'failed', 'incomplete').
 */
import type { AbandonedFigures, Placement, ResultRow } from '../../results/schema.js';
import type { Point, PointOf } from '../../scenarios/scenario.js';
import { estimate } from './stats.js';
import { noErrors } from '../load/generator-protocol.js';
import { SCENARIO_KINDS } from '../../scenarios/kinds.js';

/** The abandoned figures before anything is measured: null, never 0, for what was not measured. */
function unmeasuredAbandoned(abandon: PointOf<'abandoned'>['abandon'], departureBytes: number): AbandonedFigures {
  return { clients: abandon.clients, departed: 0, floodMs: 0, deadlineSec: abandon.deadlineSec, firstEchoMs: null, serverCpuSec: null, serverAbandoned: null, departureBytes, owedEchoes: null };
}

export function baseRow(point: Point, model: ResultRow['model'], placement: Placement, durationSec: number): ResultRow {
  const none = estimate([]);
  return {
    model,
    scenario: point.scenario.name,
    kind: SCENARIO_KINDS[point.kind].rowKind(point.mode),
    mode: point.mode,
    connections: point.connections,
    idleConnections: point.idleConnections,
    pipelining: point.pipelining,
    messageSize: point.messageSize,
    workUsPerMessage: point.workUsPerMessage,
    status: 'ok',
    durationSec,
    repeats: 0,
    placement,
    // The core sweep's k, read from where the server really ran: null when it was not pinned.
    serverCores: placement.pinned && placement.serverCpus ? placement.serverCpus.length : null,
    msgsPerSec: none,
    bytesPerSec: none,
    latencyUs: { p50: null, p90: null, p99: null, p999: null, max: null, mean: null, count: 0, histogram: '' },
    ...(point.kind === 'abandoned' ? { abandoned: unmeasuredAbandoned(point.abandon, point.departureBytes) } : {}),
    errors: noErrors(),
    fairness: { jain: 0, starved: 0, perConnection: [] },
    server: null,
    client: { cpuPercent: 0, elu: 0, clientBound: false, processes: 0 },
  };
}
