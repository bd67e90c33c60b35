/**
 * The load generator (one per generator process): closed loop, open loop (wrk2-style schedule,
 * latency from intended send times) or connection churn, measured in windows after a warm-up.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { EchoConnection, type ConnectionEvents } from './echo-connection.js';
import { encode, newHistogram, type Histogram } from './histogram.js';
import { evenShare, noErrors, type ErrorCounts, type LoadSpec, type WarmProgress, type WindowReport } from './load-spec.js';
import { Pattern } from './pattern.js';
import type { ErrorKind } from '../../results/schema.js';

const toUs = (ms: number) => Math.max(1, Math.round(ms * 1000));
/** Open loop: below this many ms to the next send, the schedule spins instead of sleeping on a timer. */
const SPIN_BELOW_MS = 2;

export class Generator implements ConnectionEvents {
  private readonly pattern: Pattern;
  /** Active connections, by slot (closed/open: fixed; churn: the connector's current connection). */
  private readonly slots: (EchoConnection | undefined)[];
  private readonly idle: EchoConnection[] = [];
  private readonly perSlot: number[];
  /** Churn: connectors that have completed at least one connection. */
  private readonly completedOnce = new Set<number>();
  private running = true;
  private measuring = false;
  private latency: Histogram = newHistogram();
  private latencyUncorrected: Histogram = newHistogram();
  private connectLatency: Histogram = newHistogram();
  /** Open loop: how late each message left against its schedule. */
  private sendLag: Histogram = newHistogram();
  private messages = 0;
  private sent = 0;
  private connectionsCompleted = 0;
  private errors: ErrorCounts = noErrors();
  private nextConnection: number;
  private scheduleTimer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private readonly nextDue: number[] = [];
  private readonly period: number;

  constructor(readonly spec: LoadSpec) {
    this.pattern = new Pattern(spec.messageSize);
    this.slots = new Array(spec.connections).fill(undefined);
    this.perSlot = new Array(spec.connections).fill(0);
    this.nextConnection = spec.firstConnection;
    this.period = spec.mode === 'open' ? (1000 * spec.connections) / spec.rate : 0;
  }

  /** Open every connection (idle ones first) and start the load. */
  async open(): Promise<void> {
    for (let i = 0; i < this.spec.idleConnections; i++) this.idle.push(this.connect(-1));
    // Idle clients connect first: a sequential server is then busy with one that never sends.
    await this.settled(() => this.idle.every((c) => c.isConnected || c.socket.destroyed), this.spec.connectTimeoutMs);
    for (let slot = 0; slot < this.slots.length; slot++) this.slots[slot] = this.connect(slot);
    if (this.spec.mode === 'open' && this.slots.length > 0) this.startSchedule();
  }

  progress(): WarmProgress {
    // Churn: connections come and go; a connector is warm once one of its connections has completed.
    if (this.spec.mode === 'churn') return { live: this.slots.length, answered: this.completedOnce.size };
    const live = this.slots.filter((c) => c && !c.socket.destroyed) as EchoConnection[];
    return { live: live.length, answered: live.filter((c) => c.everAnswered).length };
  }

  /** Warm-up over: the errors it saw and the connections still waiting for a first answer. */
  endWarmUp(): { waiting: number; errors: ErrorCounts } {
    const { live, answered } = this.progress();
    const errors = this.errors;
    this.errors = noErrors();
    return { waiting: live - answered, errors };
  }

  /** Measure one window of `windowMs`. */
  async measureWindow(windowMs: number): Promise<WindowReport> {
    this.latency.reset();
    this.latencyUncorrected.reset();
    this.connectLatency.reset();
    this.sendLag.reset();
    this.messages = 0;
    this.sent = 0;
    this.connectionsCompleted = 0;
    this.perSlot.fill(0);
    const cpuStart = process.cpuUsage();
    const eluStart: EventLoopUtilization = performance.eventLoopUtilization();
    const start = performance.now();
    this.measuring = true;
    if (this.spec.amount > 0) {
      for (const c of this.slots) if (c?.isConnected && c.answered + c.inFlight === 0) this.startSending(c);
    }
    // A window lasts windowMs, or (fixed amount) until every connection has had all its answers.
    await this.settled(() => this.spec.amount > 0 && this.slots.every((c) => !c || c.socket.destroyed || c.answered >= this.limitOf(c)), windowMs);
    this.measuring = false;
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
      ...(this.spec.mode === 'open' ? { latencyUncorrected: encode(this.latencyUncorrected), sendLag: encode(this.sendLag) } : {}),
      ...(this.spec.mode === 'churn' ? { connectLatency: encode(this.connectLatency) } : {}),
      connectionsCompleted: this.connectionsCompleted,
      perConnection: [...this.perSlot],
      errors,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      elu: elu.utilization,
    };
  }

  /** Stop the load; count messages still unanswered past the timeout; close every connection. */
  finish(): { errors: ErrorCounts; waitingAtEnd: number } {
    this.running = false;
    clearTimeout(this.scheduleTimer as NodeJS.Timeout | undefined);
    clearImmediate(this.scheduleTimer as NodeJS.Immediate | undefined);
    const errors = this.errors;
    let waitingAtEnd = 0;
    for (const connection of this.slots) {
      if (!connection) continue;
      if (!connection.socket.destroyed && !connection.everAnswered) waitingAtEnd++;
      errors.timeout += connection.socket.destroyed ? 0 : connection.overdue(this.spec.answerTimeoutMs);
      connection.close();
    }
    for (const connection of this.idle) connection.close();
    return { errors, waitingAtEnd };
  }

  // ConnectionEvents

  answered(connection: EchoConnection, sinceSentMs: number, sinceIntendedMs: number): void {
    const { slot } = connection;
    if (this.measuring) {
      this.messages++;
      if (slot >= 0) this.perSlot[slot]!++;
      this.latency.recordValue(toUs(this.spec.mode === 'open' ? sinceIntendedMs : sinceSentMs));
      if (this.spec.mode === 'open') this.latencyUncorrected.recordValue(toUs(sinceSentMs));
    }
    if (!this.running) return;
    const sent = connection.answered + connection.inFlight;
    if (this.spec.mode === 'closed') {
      if (sent < this.limitOf(connection)) this.send(connection);
    } else if (this.spec.mode === 'churn') {
      if (connection.answered >= this.spec.messagesPerConnection) connection.socket.end();
      else if (sent < this.spec.messagesPerConnection) this.send(connection);
    }
  }

  connected(connection: EchoConnection, connectMs: number): void {
    if (connection.index < 0 || !this.running) return; // idle connections never send
    if (this.measuring && this.spec.mode === 'churn') this.connectLatency.recordValue(toUs(connectMs));
    if (this.spec.mode === 'open') return; // the schedule sends
    // A fixed amount is counted from its first message: hold it until measuring starts.
    if (this.spec.amount > 0 && !this.measuring) return;
    this.startSending(connection);
  }

  /** The first burst on a new connection: `pipelining` messages (at most its limit). */
  private startSending(connection: EchoConnection): void {
    const limit = this.spec.mode === 'churn' ? this.spec.messagesPerConnection : this.limitOf(connection);
    for (let i = 0; i < Math.min(this.spec.pipelining, limit); i++) this.send(connection);
  }

  failed(_connection: EchoConnection, kind: ErrorKind): void {
    if (this.running) this.errors[kind]++;
  }

  closed(connection: EchoConnection): void {
    if (this.spec.mode !== 'churn' || !this.running) return;
    const { slot } = connection;
    if (slot < 0) return;
    const complete = connection.answered >= this.spec.messagesPerConnection;
    if (complete) this.completedOnce.add(slot);
    if (complete && this.measuring) this.connectionsCompleted++;
    // A connector opens its next connection at once; after a failure, a short pause avoids a hot loop.
    setTimeout(() => {
      if (this.running) this.slots[slot] = this.connect(slot);
    }, complete ? 0 : 10);
  }

  /** Closed loop: messages this connection may send in all (its share of --amount, or its messages before holding). */
  private limitOf(connection: EchoConnection): number {
    const { amount, connections, holdAfter } = this.spec;
    if (holdAfter) return holdAfter;
    return amount === 0 ? Number.POSITIVE_INFINITY : evenShare(amount, connections, connection.slot);
  }

  private send(connection: EchoConnection, intended?: number): void {
    if (this.measuring) {
      this.sent++;
      if (intended !== undefined) this.sendLag.recordValue(toUs(performance.now() - intended));
    }
    connection.send(intended);
  }

  private connect(slot: number): EchoConnection {
    const index = slot < 0 ? -1 - this.idle.length : this.nextConnection++;
    return new EchoConnection(index, slot, this.pattern, this.spec.messageSize, this.spec.host, this.spec.port, this.spec.connectTimeoutMs, this);
  }

  /** Open loop: connection i sends every `period` ms, phases spread evenly; latency counts from the schedule. */
  private startSchedule(): void {
    const now = performance.now();
    for (let i = 0; i < this.slots.length; i++) this.nextDue[i] = now + (this.period * i) / this.slots.length;
    const tick = () => {
      if (!this.running) return;
      const t = performance.now();
      let soonest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < this.slots.length; i++) {
        const connection = this.slots[i];
        let due = this.nextDue[i]!;
        while (due <= t) {
          if (connection?.isConnected) this.send(connection, due);
          due += this.period;
        }
        this.nextDue[i] = due;
        soonest = Math.min(soonest, due);
      }
      // Node's timers fire a millisecond or more late: sleep on one only while the next send is far
      // off, and keep the event loop turning (socket I/O included) for the last stretch. Only when the
      // generator has a core of its own (spec.spin), so it costs the server nothing; the lag is recorded.
      const wait = soonest - performance.now();
      if (!this.spec.spin) this.scheduleTimer = setTimeout(tick, Math.max(0, wait));
      else this.scheduleTimer = wait > SPIN_BELOW_MS ? setTimeout(tick, wait - SPIN_BELOW_MS) : setImmediate(tick);
    };
    tick();
  }

  private settled(done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    return new Promise((resolve) => {
      const check = () => (done() || performance.now() >= deadline ? resolve() : setTimeout(check, 5));
      check();
    });
  }
}
