/**
 * The load generator (one per generator process): opens the connections, runs the load in its mode
 * (closed-loop.ts, open-loop.ts, churn.ts) and measures it in windows after a warm-up.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Churn } from './churn.js';
import { ClosedLoop } from './closed-loop.js';
import { EchoConnection, type ConnectionEvents, type ConnectionSetup } from './echo-connection.js';
import { encode, newHistogram } from './histogram.js';
import { IntervalRecorder, type IntervalReport } from './interval-recorder.js';
import { ANSWERS_BACK_LIMIT_MS, noErrors, type ErrorCounts, type FinishReport, type LoadSpec, type WarmProgress, type WindowReport } from './generator-protocol.js';
import { toUs, type Load, type Mode } from './mode.js';
import { OpenLoop } from './open-loop.js';
import { Pattern } from './pattern.js';
import type { IntervalGrid } from './shared-clock.js';
import type { ErrorKind, LoadMode } from '../../results/schema.js';

const MODES: Record<LoadMode, new (load: Load) => Mode> = { closed: ClosedLoop, open: OpenLoop, churn: Churn };

const ANSWERS_BACK_POLL_MS = 5;

export class LoadGenerator implements Load, ConnectionEvents {
  private mode: Mode;
  private setup: ConnectionSetup;
  slots: (EchoConnection | undefined)[];
  private readonly idle: EchoConnection[] = [];
  private running = true;
  private inWindow = false;
  /** Ends the window in progress (set while measuring). */
  private windowEnd: (() => void) | undefined;
  private readonly latency = newHistogram();
  /** The latency per interval of the harness's grid, while it asks for one. */
  private intervals: IntervalRecorder | undefined;
  private readonly perSlot: number[];
  private messages = 0;
  private sent = 0;
  private errors: ErrorCounts = noErrors();
  private nextConnection: number;
  /** Whether the load ever reached the server: connections made, and how the first that never connected failed. */
  private connectionsMade = 0;
  /** When this load started (performance.now()): a kept connection's older messages were another load's. */
  private startedAt = performance.now();
  private connectFailure: string | null = null;

  constructor(public spec: LoadSpec) {
    const { host, port, connectTimeoutMs, messageSize } = spec;
    this.setup = { host, port, connectTimeoutMs, messageSize, pattern: new Pattern(messageSize) };
    this.slots = new Array(spec.connections).fill(undefined);
    this.perSlot = new Array(spec.connections).fill(0);
    this.nextConnection = spec.firstConnection;
    this.mode = new MODES[spec.mode](this);
  }

  /** Open every connection (idle ones first) and start the load. */
  async open(): Promise<void> {
    for (let i = 0; i < this.spec.idleConnections; i++) this.idle.push(this.connect(-1));
    // Idle clients connect first: a sequential server is then busy with one that never sends.
    // Each connects, fails or times out (its connect timeout) on its own.
    await Promise.all(this.idle.map(({ socket }) => new Promise((settled) => socket.once('connect', settled).once('close', settled))));
    for (let slot = 0; slot < this.slots.length; slot++) this.slots[slot] = this.connect(slot);
    this.mode.start?.();
  }

  /**
   * After finish({ keep }): run `spec` (the same number of connections; another mode or rate) on these
   * connections, once every message the last load sent has come back, so no backlog of it is measured.
   * A connection lost meanwhile, or answers still owed after `answersBackLimitMs`, and every connection is
   * replaced by a new one instead (reconnected: true).
   */
  async retarget(spec: LoadSpec, answersBackLimitMs = ANSWERS_BACK_LIMIT_MS): Promise<{ reconnected: boolean }> {
    if (spec.connections !== this.slots.length) throw new Error(`retarget: ${spec.connections} connections, this load has ${this.slots.length}`);
    const answersBack = await this.answersBack(answersBackLimitMs);
    this.spec = spec;
    this.mode = new MODES[spec.mode](this);
    this.errors = noErrors();
    this.running = true;
    this.startedAt = performance.now();
    if (!answersBack) {
      for (const connection of this.slots) connection?.close();
      for (let slot = 0; slot < this.slots.length; slot++) this.slots[slot] = this.connect(slot);
    } else {
      for (const connection of this.slots as EchoConnection[]) this.mode.connected(connection, 0);
    }
    this.mode.start?.();
    return { reconnected: !answersBack };
  }

  /**
   * Every connection still up, and every one the server has ever answered with nothing in flight, polled
   * until `limitMs` passes. One never answered (held in a sequential server's queue, or past a cap) keeps
   * what it sent and stays starved, as it would on a new connection.
   */
  private async answersBack(limitMs: number): Promise<boolean> {
    const until = performance.now() + limitMs;
    for (;;) {
      const live = this.slots.every((c) => c && c.isConnected && !c.socket.destroyed);
      if (!live) return false;
      if (this.slots.every((c) => !c!.everAnswered || c!.inFlight === 0)) return true;
      if (performance.now() >= until) return false;
      await new Promise((resolve) => setTimeout(resolve, ANSWERS_BACK_POLL_MS));
    }
  }

  progress(): WarmProgress {
    if (this.mode.progress) return this.mode.progress();
    const live = this.slots.filter((c) => c && !c.socket.destroyed) as EchoConnection[];
    return { live: live.length, answered: live.filter((c) => c.everAnswered).length };
  }

  /** A primed load starts looping. */
  go(): void {
    this.mode.go?.();
  }

  /** Warm-up over: the errors it saw and the connections still waiting for a first answer. */
  endWarmUp(): { waiting: number; errors: ErrorCounts } {
    const { live, answered } = this.progress();
    const errors = this.errors;
    this.errors = noErrors();
    return { waiting: live - answered, errors };
  }

  /** Measure one window of `windowMs` (a fixed amount's window may end sooner: see ClosedLoop). */
  async measureWindow(windowMs: number): Promise<WindowReport> {
    this.latency.reset();
    this.messages = 0;
    this.sent = 0;
    this.perSlot.fill(0);
    const cpuStart = process.cpuUsage();
    const eluStart: EventLoopUtilization = performance.eventLoopUtilization();
    const start = performance.now();
    this.intervals?.windowStarted();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.endWindow(), windowMs);
      this.windowEnd = () => {
        clearTimeout(timer);
        resolve();
      };
      this.inWindow = true;
      this.mode.windowStarted?.();
    });
    const elapsedMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const elu = performance.eventLoopUtilization(eluStart);
    const errors = this.errors;
    this.errors = noErrors();
    return {
      elapsedMs,
      sent: this.sent,
      messages: this.messages,
      bytes: this.messages * this.spec.messageSize,
      latency: encode(this.latency),
      connectionsCompleted: 0,
      ...this.mode.windowReport?.(),
      perConnection: [...this.perSlot],
      errors,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      elu: elu.utilization,
    };
  }

  /** From now on, also record every measured answer and error in its interval of `grid`. */
  recordIntervals(grid: IntervalGrid): void {
    this.intervals = new IntervalRecorder(grid);
  }

  intervalReport(): IntervalReport | undefined {
    return this.intervals?.report();
  }

  get measuring(): boolean {
    return this.inWindow;
  }

  endWindow(): void {
    const end = this.windowEnd;
    this.windowEnd = undefined;
    this.inWindow = false;
    if (end) this.intervals?.windowEnded();
    end?.();
  }

  /** Stop the load; count messages still unanswered past the timeout; close every connection, unless `keep` (for a retarget). */
  finish(keep = false): FinishReport {
    this.running = false;
    this.mode.stop?.();
    const errors = this.errors;
    this.errors = noErrors();
    let waitingAtEnd = 0;
    for (const connection of this.slots) {
      if (!connection) continue;
      if (!connection.socket.destroyed && !connection.everAnswered) waitingAtEnd++;
      errors.timeout += connection.socket.destroyed ? 0 : connection.overdue(this.spec.answerTimeoutMs, this.startedAt);
    }
    if (!keep) this.close();
    return { errors, waitingAtEnd, connected: this.connectionsMade, connectFailure: this.connectFailure };
  }

  /** Close every connection (a kept load's, once its search is over). */
  close(): void {
    this.running = false;
    for (const connection of this.slots) connection?.close();
    for (const connection of this.idle) connection.close();
  }

  send(connection: EchoConnection, intended?: number): number {
    const now = performance.now();
    if (this.measuring) this.sent++;
    connection.send(now, intended);
    return now;
  }

  sendMany(connection: EchoConnection, count: number, intended: (k: number) => number): number {
    const now = performance.now();
    if (this.measuring) this.sent += count;
    connection.sendMany(now, count, intended);
    return now;
  }

  sendLagged(lagUs: number): void {
    this.intervals?.sendLag(lagUs);
  }

  sendFirst(connection: EchoConnection, limit: number): void {
    for (let i = 0; i < Math.min(this.spec.pipelining, limit); i++) this.send(connection);
  }

  reconnect(slot: number, delayMs: number): void {
    setTimeout(() => {
      if (this.running) this.slots[slot] = this.connect(slot);
    }, delayMs);
  }

  // ConnectionEvents

  answered(connection: EchoConnection, sinceSentMs: number, sinceIntendedMs: number): void {
    if (this.measuring) {
      this.messages++;
      if (connection.slot >= 0) this.perSlot[connection.slot]!++;
      // Open loop: from the intended send; otherwise the two are the same, the actual send.
      const us = toUs(sinceIntendedMs);
      this.latency.recordValue(us);
      this.intervals?.record(us);
    }
    if (this.running) this.mode.answered(connection, sinceSentMs);
  }

  connected(connection: EchoConnection, connectMs: number): void {
    this.connectionsMade++;
    if (connection.slot >= 0 && this.running) this.mode.connected(connection, connectMs); // idle connections never send
  }

  failed(connection: EchoConnection, kind: ErrorKind, cause: string): void {
    if (!connection.isConnected) this.connectFailure ??= cause;
    if (this.running) this.errors[kind]++;
    if (this.running && this.measuring) this.intervals?.error();
  }

  closed(connection: EchoConnection): void {
    if (connection.slot >= 0 && this.running) this.mode.closed?.(connection);
  }

  private connect(slot: number): EchoConnection {
    const index = slot < 0 ? -1 - this.idle.length : this.nextConnection++;
    return new EchoConnection(index, slot, this.setup, this);
  }
}
