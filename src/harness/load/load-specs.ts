/**
 * The one builder of a point's load and its split over the generator processes: each process drives
 * its share of the connections, numbered on from the one before it so that every connection's byte
 * stream differs.
 */
import type { Placement } from '../../results/schema.js';
import type { Point, PointOf } from '../../scenarios/scenario.js';
import { evenShare } from './even-share.js';
import type { HoldSpec, LoadSpec } from './generator-protocol.js';

interface Address {
  host: string;
  port: number;
}

interface Timeouts {
  connectTimeoutMs: number;
  answerTimeoutMs: number;
}

/** `total` connections over `processes`, as evenly as whole numbers allow, the first numbered `from`. */
function connectionShares(total: number, processes: number, from = 0): { connections: number; firstConnection: number }[] {
  let first = from;
  return Array.from({ length: processes }, (_, i) => {
    const connections = evenShare(total, processes, i);
    const share = { connections, firstConnection: first };
    first += connections;
    return share;
  });
}

/** A point's load, one spec per process: its connections, its share of the rate and of a fixed amount; the idle connections from the first. */
export function loadSpecs(point: Point, target: Address, timing: Timeouts, processes: number, placement: Placement): LoadSpec[] {
  // Spinning for a precise schedule is only free when the generator's cores are not the server's
  // (an external server's cores are not known: no spinning).
  const { serverCpus, generatorCpus } = placement;
  const ownCores = placement.pinned && serverCpus !== null && !generatorCpus!.some((cpu) => serverCpus.includes(cpu));
  return connectionShares(point.connections, processes).map(({ connections, firstConnection }, i) => ({
    host: target.host,
    port: target.port,
    mode: point.mode,
    connections,
    firstConnection,
    idleConnections: i === 0 ? point.idleConnections : 0,
    messageSize: point.messageSize,
    pipelining: point.pipelining,
    rate: (point.rate * connections) / point.connections,
    spin: ownCores,
    primed: point.mode === 'closed' && point.amount === 0,
    messagesPerConnection: point.messagesPerConnection,
    amount: Array.from({ length: connections }, (_, c) => evenShare(point.amount, point.connections, firstConnection + c)).reduce((a, b) => a + b, 0),
    connectTimeoutMs: timing.connectTimeoutMs,
    answerTimeoutMs: timing.answerTimeoutMs,
  }));
}

/** The abandoned scenario's busy load: a closed loop whose connections each get one echo, then hold, open and silent. */
export function busySpecs(point: PointOf<'abandoned'>, target: Address, timing: Timeouts, processes: number): LoadSpec[] {
  return connectionShares(point.connections, processes).map(({ connections, firstConnection }) => ({
    host: target.host,
    port: target.port,
    mode: 'closed',
    connections,
    firstConnection,
    idleConnections: 0,
    messageSize: point.messageSize,
    pipelining: 1,
    rate: 0,
    spin: false,
    messagesPerConnection: 0,
    amount: 0,
    holdAfter: 1,
    connectTimeoutMs: timing.connectTimeoutMs,
    answerTimeoutMs: timing.answerTimeoutMs,
  }));
}

/** The connections scenario's next step: the connections it adds to the `held` ones, numbered on from them; the first process times a new one. */
export function holdSpecs(point: PointOf<'connections'>, target: Address & { pid: number | undefined }, timing: Pick<Timeouts, 'connectTimeoutMs'>, processes: number, held: number): HoldSpec[] {
  return connectionShares(point.connections - held, processes, held).map(({ connections, firstConnection }, i) => ({
    host: target.host,
    port: target.port,
    add: connections,
    firstConnection,
    messageSize: point.messageSize,
    echoEveryMs: point.hold.echoEverySec * 1000,
    deadlineMs: point.hold.deadlineSec * 1000,
    connectTimeoutMs: timing.connectTimeoutMs,
    serverPid: target.pid,
    probe: i === 0,
  }));
}
