/** The harness ↔ generator-process protocol: the messages each way, what load to make and what was measured (load-specs.ts builds a point's loads). */
import type { ErrorKind, LoadMode, OwedEchoes } from '../../results/schema.js';
import type { IntervalReport } from './interval-recorder.js';
import type { IntervalGrid } from './shared-clock.js';

export interface LoadSpec {
  host: string;
  port: number;
  mode: LoadMode;
  /** Connections (closed, open) or concurrent connectors (churn) this process drives. */
  connections: number;
  /** Global index of this process's first connection, so every connection's byte stream differs. */
  firstConnection: number;
  /** Connections opened first that never send (the slow-client scenario). */
  idleConnections: number;
  messageSize: number;
  /** Messages in flight per connection (closed loop and churn). */
  pipelining: number;
  /** Open loop: this process's share of the offered rate, msgs/s. */
  rate: number;
  /** Open loop: keep the event loop turning near a send instead of sleeping on a 1 ms timer (only on a core of its own). */
  spin: boolean;
  /** Churn: messages per connection before it closes and a new one opens. */
  messagesPerConnection: number;
  /** Closed loop, fixed amount (--amount): this process's messages in all, spread evenly over its connections; 0 = no limit. */
  amount: number;
  /** Closed loop: messages each connection sends before it holds, open and silent (the abandoned scenario's busy load). */
  holdAfter?: number;
  /**
   * Closed loop: each connection sends its first burst, then waits for 'go' before looping. A server that
   * starts a process or a thread per connection then starts them without the others' load on its core
   * (64 fork children took 25 s to start under load here, 8 s without); the measured windows are unchanged.
   */
  primed?: boolean;
  connectTimeoutMs: number;
  /** A message not answered this long after it was sent counts as a timeout. */
  answerTimeoutMs: number;
}

export type ErrorCounts = Record<ErrorKind, number>;

export function noErrors(): ErrorCounts {
  return { mismatch: 0, short: 0, reset: 0, refused: 0, timeout: 0, other: 0 };
}

export function addErrors(into: ErrorCounts, more: ErrorCounts): ErrorCounts {
  for (const kind of Object.keys(into) as (keyof ErrorCounts)[]) into[kind] += more[kind];
  return into;
}

/** One measured window of one generator process. */
export interface WindowReport {
  elapsedMs: number;
  /** Messages sent and messages answered (whole echoes back) within the window. */
  sent: number;
  messages: number;
  bytes: number;
  /** Encoded HdrHistograms (µs). */
  latency: string;
  latencyUncorrected?: string;
  /** Open loop: how late messages left against the schedule (µs, encoded HdrHistogram). */
  sendLag?: string;
  connectLatency?: string;
  connectionsCompleted: number;
  /** Messages answered per connection (churn: per connector). */
  perConnection: number[];
  errors: ErrorCounts;
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Event-loop utilisation over the window, 0..1. */
  elu: number;
}

/** The abandoned scenario, once the started load holds the server busy: clients connect and leave. */
export interface DepartRequest {
  /** This process's share of the clients (0: it only holds load). */
  clients: number;
  /** Bytes each sends before it leaves: 0, it closes having sent nothing; above, it sends them, half-closes and reads until the server closes it. */
  bytes: number;
  /** Longest the departures and the new client's first echo may take, from the departures' start. */
  deadlineMs: number;
  /** The server's pid, to read its tree's CPU time from /proc (undefined: an external target). */
  serverPid: number | undefined;
}

export interface DepartReport {
  /** Clients that connected and left; the others failed to connect (in errors) or were still pending at the deadline. */
  departed: number;
  pending: number;
  /** From the first connect until every client had left. */
  floodMs: number;
  errors: ErrorCounts;
}

/** Then: the load is released and (in one process) a new client is timed to its first echo. */
export interface ProbeReport {
  /** From the new client's connect() to its whole first echo; null if it got none. */
  firstEchoMs: number | null;
  /** CPU seconds of the server's process tree from the departures' start until that echo (or giving up); null: unknown. */
  serverCpuSec: number | null;
  errors: ErrorCounts;
  /** Why there is no first echo. */
  failure?: string;
  /** This process's departing clients that sent bytes: their echoes, once all were closed or at the deadline; null when they sent nothing. */
  owedEchoes: OwedEchoes | null;
}

/** The connections scenario: one step's connections, added to those held (see hold-load.ts). */
export interface HoldSpec {
  host: string;
  port: number;
  /** Connections to open in this step, on top of those held from earlier steps. */
  add: number;
  /** Global index of the first of them, so every connection's byte stream differs. */
  firstConnection: number;
  messageSize: number;
  echoEveryMs: number;
  /** A connection still unanswered when no new one has been answered for this long, the server idle meanwhile, counts as queued. */
  deadlineMs: number;
  /** The server's pid, to tell a server busy starting processes or threads from one that leaves connections waiting (undefined: unknown). */
  serverPid: number | undefined;
  connectTimeoutMs: number;
  /** Time one new connection to its first echo once the step's are held (one generator process does). */
  probe: boolean;
}

export interface HoldReport {
  /** Connections open now (every step's). */
  held: number;
  served: number;
  queued: number;
  /** Connections that failed during this step. */
  failed: number;
  errors: ErrorCounts;
  /** Echoes after a connection's first, answered during this step. */
  liveEchoes: number;
  /** ms from the step's first connect to its last new connection's first echo; null if none was answered. */
  startMs: number | null;
  /** One more connection, opened once the step's are held: ms to its first echo; null if none came by the deadline, or none was opened because some were queued. */
  firstEchoMs: number | null;
}

/** Longest a retarget waits for the last load's messages to come back before it opens new connections instead. */
export const ANSWERS_BACK_LIMIT_MS = 5_000;

export type ToGenerator =
  | { type: 'start'; spec: LoadSpec }
  | { type: 'progress' }
  /** A primed load (spec.primed) starts looping. */
  | { type: 'go' }
  /** `intervals`: also record latency per interval of this grid, reported after the last window. */
  | { type: 'measure'; windows: number; windowMs: number; intervals?: IntervalGrid }
  | { type: 'depart'; request: DepartRequest }
  | { type: 'probe'; probe: boolean }
  | { type: 'hold'; spec: HoldSpec }
  | { type: 'release' }
  /**
   * A capacity search's next step on the same connections: stop sending, wait until every message sent
   * has come back, then run `spec` (same connections, a new mode or rate). Replies 'started'.
   */
  | { type: 'retarget'; spec: LoadSpec }
  /** `keep`: stop the load and report, but leave the connections open for a 'retarget'. */
  | { type: 'finish'; keep?: boolean }
  /** Close a kept load's connections. */
  | { type: 'close' };

/** A point's load, stopped: its last errors, and whether it ever reached the server. */
export interface FinishReport {
  errors: ErrorCounts;
  /** Connections still waiting for their first answer. */
  waitingAtEnd: number;
  /** Connections that completed a TCP connect over the whole point (warm-up included, idle ones too). */
  connected: number;
  /** How the first connection that never connected failed (an errno code such as ECONNREFUSED, or its timeout); null if none failed so. */
  connectFailure: string | null;
}

/** Warm-up progress: connections still open, and how many of them have had an answer. */
export interface WarmProgress {
  live: number;
  answered: number;
}

export type FromGenerator =
  /** `reconnected`: a retarget whose old messages did not all come back in time opened new connections instead. */
  | { type: 'started'; reconnected?: boolean }
  | ({ type: 'progress' } & WarmProgress)
  | { type: 'warm'; waiting: number; errors: ErrorCounts }
  | { type: 'window'; report: WindowReport }
  | { type: 'intervals'; report: IntervalReport }
  | ({ type: 'finished' } & FinishReport)
  | { type: 'departed'; report: DepartReport }
  | { type: 'probed'; report: ProbeReport }
  | { type: 'held'; report: HoldReport }
  | { type: 'released' }
  | { type: 'closed' }
  | { type: 'fatal'; message: string };
