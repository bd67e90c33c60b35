/**
 * The connections scenario, generator side: connections opened in steps and held, each live (an echo
 * when it opens, then one every few seconds), so a server pays for them as for real clients, not idle ones.
 * After each step: how many were answered (served), how many still wait for a first answer (queued),
 * and one new connection timed to its first echo.
 */
import { performance } from 'node:perf_hooks';
import { EchoConnection, type ConnectionEvents } from './echo-connection.js';
import { firstEcho } from './first-echo.js';
import { noErrors, type HoldReport, type HoldSpec } from './generator-protocol.js';
import { Pattern } from './pattern.js';
import { openFileLimit } from '../../shared/fd-limit.js';
import { treeCpuSeconds } from '../proc/proc.js';
import type { ErrorKind } from '../../results/schema.js';

/** Connections connecting at once: more would overflow the server's accept backlog and wait out SYN retries. */
const CONNECTING_AT_ONCE = 256;
/**
 * How often the wait for a step's first echoes looks at the server's CPU, and the share of a core that
 * counts as busy: held connections echoing every few seconds cost far less, starting a process or a
 * thread far more. The rate is taken over the last second, so that a server starved for a moment by other
 * processes on its core does not read as idle.
 */
const BUSY_CHECK_MS = 250;
const BUSY_WINDOW_MS = 1000;
const BUSY_CORES = 0.05;
/** Descriptors the generator keeps for itself (IPC, stdio, the probe). */
const OWN_FDS = 32;

export class ConnectionHold implements ConnectionEvents {
  private readonly held = new Set<EchoConnection>();
  private readonly timers = new Map<EchoConnection, NodeJS.Timeout>();
  private pattern: Pattern | undefined;
  private spec: HoldSpec | undefined;
  private connecting = 0;
  private unsettled = new Set<EchoConnection>();
  private wake: (() => void) | undefined;
  private failures = 0;
  private errors = noErrors();
  private liveEchoes = 0;
  private lastServedAt: number | undefined;

  async add(spec: HoldSpec): Promise<HoldReport> {
    this.spec = spec;
    this.pattern ??= new Pattern(spec.messageSize);
    const limit = openFileLimit();
    if (limit !== undefined && this.held.size + spec.add + OWN_FDS > limit) {
      throw new Error(`holding ${this.held.size + spec.add} connections needs more open files than the limit (${limit}): raise ulimit -n`);
    }
    this.failures = 0;
    this.errors = noErrors();
    this.liveEchoes = 0;
    this.lastServedAt = undefined;
    const startedAt = performance.now();
    for (let i = 0; i < spec.add; i++) {
      while (this.connecting >= CONNECTING_AT_ONCE) await this.changed();
      this.connecting++;
      const connection = new EchoConnection(spec.firstConnection + i, -1, { ...spec, pattern: this.pattern }, this);
      this.held.add(connection);
      this.unsettled.add(connection);
    }
    await this.settle(spec);
    this.unsettled.clear();
    const served = [...this.held].filter((c) => c.everAnswered).length;
    const queued = [...this.held].filter((c) => c.isConnected && !c.everAnswered).length;
    // With connections already queued a new one would only queue behind them: it is not timed (null, not a wait).
    const probe = spec.probe && queued === 0 ? await firstEcho(spec.host, spec.port, spec.messageSize, spec.deadlineMs) : undefined;
    // A probe still waiting at the deadline is queued like the others, not an error.
    if (probe && 'error' in probe && probe.error !== 'timeout') this.errors[probe.error]++;
    return {
      held: this.held.size,
      served,
      queued,
      failed: this.failures,
      errors: { ...this.errors },
      liveEchoes: this.liveEchoes,
      startMs: this.lastServedAt === undefined ? null : this.lastServedAt - startedAt,
      firstEchoMs: probe && 'ms' in probe ? probe.ms : null,
    };
  }

  /**
   * Wait while the server answers new connections or is busy (a fork or worker starting its children or
   * threads, all at once on a shared core, is slow, not full); those still unanswered once it has answered
   * none for the deadline while idle are queued.
   */
  private async settle(spec: HoldSpec): Promise<void> {
    const serverCpu = () => (spec.serverPid === undefined ? undefined : treeCpuSeconds(spec.serverPid));
    let busyAt = performance.now();
    // The server's CPU time, read every BUSY_CHECK_MS; its rate is taken over the last BUSY_WINDOW_MS.
    const readings: { at: number; cpu: number }[] = [];
    const until = () => Math.max(busyAt, this.lastServedAt ?? 0) + spec.deadlineMs;
    while (this.unsettled.size > 0 && performance.now() < until()) {
      await this.changed(Math.min(BUSY_CHECK_MS, until() - performance.now()));
      const now = performance.now();
      if (readings.length > 0 && now - readings.at(-1)!.at < BUSY_CHECK_MS) continue;
      const cpu = serverCpu();
      if (cpu === undefined) continue;
      readings.push({ at: now, cpu });
      while (readings.length > 2 && now - readings[1]!.at >= BUSY_WINDOW_MS) readings.shift();
      const first = readings[0]!;
      if (now - first.at >= BUSY_CHECK_MS && (cpu - first.cpu) / ((now - first.at) / 1000) >= BUSY_CORES) busyAt = now;
    }
  }

  /** Close every held connection. */
  release(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const connection of this.held) connection.close();
    this.held.clear();
  }

  connected(connection: EchoConnection): void {
    this.connecting--;
    connection.send(performance.now());
    this.notify();
  }

  answered(connection: EchoConnection): void {
    if (connection.answered === 1) {
      this.lastServedAt = performance.now();
      this.unsettled.delete(connection);
      this.notify();
    } else this.liveEchoes++;
    // Spread over the period, so the held connections do not all send at once.
    const every = this.spec!.echoEveryMs;
    const timer = setTimeout(() => connection.send(performance.now()), every * (0.5 + Math.random()));
    this.timers.set(connection, timer);
  }

  failed(connection: EchoConnection, kind: ErrorKind): void {
    if (!connection.isConnected) this.connecting--;
    this.failures++;
    this.errors[kind]++;
    this.held.delete(connection);
    this.unsettled.delete(connection);
    clearTimeout(this.timers.get(connection));
    this.timers.delete(connection);
    this.notify();
  }

  closed(): void {}

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Until a connection connects, answers or fails (or `timeoutMs`). */
  private changed(timeoutMs = 1000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(1, timeoutMs));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
