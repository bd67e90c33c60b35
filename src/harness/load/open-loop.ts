/**
 * Open loop (wrk2-style): connection i sends every `period` ms on a fixed schedule, phases spread
 * evenly, whether or not its earlier messages have come back. Latency counts from the intended
 * send time (so a stall is charged to every message it delays); the uncorrected latency, from the
 * actual send, and the send lag, how late each message left against its schedule, are kept too.
 * Every message whose time has passed goes on each turn, and after each socket read (a turn that
 * reads many sockets would otherwise hold back what fell due meanwhile); a connection owing several
 * sends them in one write.
 */
import { performance } from 'node:perf_hooks';
import type { EchoConnection } from './echo-connection.js';
import { encode, newHistogram } from './histogram.js';
import { Schedule } from './schedule.js';
import type { WindowReport } from './generator-protocol.js';
import { toUs, type Load, type Mode } from './mode.js';

/**
 * At most this many messages a connection per pass. A generator asked for more than it can send (a
 * capacity step past its own ceiling) would otherwise owe more on each pass than the last, and one
 * pass would grow until it held the event loop for seconds (its window timer and the harness's
 * messages with it). What is left stays owed, with its intended time: its lag is recorded.
 */
const MAX_PER_PASS = 256;

/** Below this many ms to the next send, the schedule spins instead of sleeping on a timer. */
const SPIN_BELOW_MS = 2;

export class OpenLoop implements Mode {
  private readonly period: number;
  private schedule: Schedule | undefined;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private stopped = false;
  private readonly latencyUncorrected = newHistogram();
  private readonly sendLag = newHistogram();

  constructor(private readonly load: Load) {
    this.period = (1000 * load.spec.connections) / load.spec.rate;
  }

  start(): void {
    const { slots } = this.load;
    if (slots.length === 0) return;
    this.schedule = new Schedule(this.period, slots.length, performance.now());
    this.tick();
  }

  connected(connection: EchoConnection): void {
    // Registered after the connection's own reader: its answers are counted first.
    connection.socket.on('data', this.afterRead);
  }

  answered(_connection: EchoConnection, sinceSentMs: number): void {
    if (this.load.measuring) this.latencyUncorrected.recordValue(toUs(sinceSentMs));
  }

  windowStarted(): void {
    this.latencyUncorrected.reset();
    this.sendLag.reset();
  }

  windowReport(): Partial<WindowReport> {
    return { latencyUncorrected: encode(this.latencyUncorrected), sendLag: encode(this.sendLag) };
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer as NodeJS.Timeout | undefined);
    clearImmediate(this.timer as NodeJS.Immediate | undefined);
    // The connections may serve another load (a capacity search's next step): take this one's reader off.
    for (const connection of this.load.slots) connection?.socket.off('data', this.afterRead);
  }

  /** Send every message due by `now`. Those due on a connection not connected are dropped, not sent in a burst once it connects. */
  sendDue(now: number): void {
    const schedule = this.schedule!;
    const { slots, measuring } = this.load;
    for (let slot = 0; slot < slots.length; slot++) {
      const first = schedule.takenBy(slot);
      const count = schedule.take(slot, now, MAX_PER_PASS);
      const connection = slots[slot];
      if (count === 0 || !connection?.isConnected) continue;
      const intended = (k: number) => schedule.intended(slot, first + k);
      const sentAt = this.load.sendMany(connection, count, intended);
      if (!measuring) continue;
      for (let k = 0; k < count; k++) {
        const lagUs = toUs(sentAt - intended(k));
        this.sendLag.recordValue(lagUs);
        this.load.sendLagged(lagUs);
      }
    }
    schedule.refresh();
  }

  /** Between socket reads within one turn: send what fell due while the turn was reading. */
  private readonly afterRead = (): void => {
    if (this.stopped || !this.schedule) return;
    const now = performance.now();
    if (now >= this.schedule.soonest) this.sendDue(now);
  };

  /** Send every message now due, then wait for the next one. */
  private readonly tick = (): void => {
    if (this.stopped) return;
    this.sendDue(performance.now());
    // Node's timers fire a millisecond or more late: sleep on one only while the next send is far
    // off, and keep the event loop turning (socket I/O included) for the last stretch. Only when the
    // generator has a core of its own (spec.spin), so it costs the server nothing; the lag is recorded.
    const wait = this.schedule!.soonest - performance.now();
    if (!this.load.spec.spin) this.timer = setTimeout(this.tick, Math.max(0, wait));
    else this.timer = wait > SPIN_BELOW_MS ? setTimeout(this.tick, wait - SPIN_BELOW_MS) : setImmediate(this.tick);
  };
}
