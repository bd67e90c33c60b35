/**
 * Open loop (wrk2-style): connection i sends every `period` ms on a fixed schedule, phases spread
 * evenly, whether or not its earlier messages have come back. Latency counts from the intended
 * send time (so a stall is charged to every message it delays); the uncorrected latency, from the
 * actual send, and the send lag, how late each message left against its schedule, are kept too.
 */
import { performance } from 'node:perf_hooks';
import type { EchoConnection } from './echo-connection.js';
import { encode, newHistogram } from './histogram.js';
import type { WindowReport } from './load-spec.js';
import { toUs, type Load, type Mode } from './mode.js';

/** Below this many ms to the next send, the schedule spins instead of sleeping on a timer. */
const SPIN_BELOW_MS = 2;

export class OpenLoop implements Mode {
  private readonly period: number;
  private readonly nextDue: number[] = [];
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
    const now = performance.now();
    for (let i = 0; i < slots.length; i++) this.nextDue[i] = now + (this.period * i) / slots.length;
    this.tick();
  }

  connected(): void {} // the schedule sends

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
  }

  /** Send every message now due, then wait for the next one. */
  private readonly tick = (): void => {
    if (this.stopped) return;
    const { slots, measuring } = this.load;
    const t = performance.now();
    let soonest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < slots.length; i++) {
      const connection = slots[i];
      let due = this.nextDue[i]!;
      while (due <= t) {
        if (connection?.isConnected) {
          const sentAt = this.load.send(connection, due);
          if (measuring) this.sendLag.recordValue(toUs(sentAt - due));
        }
        due += this.period;
      }
      this.nextDue[i] = due;
      soonest = Math.min(soonest, due);
    }
    // Node's timers fire a millisecond or more late: sleep on one only while the next send is far
    // off, and keep the event loop turning (socket I/O included) for the last stretch. Only when the
    // generator has a core of its own (spec.spin), so it costs the server nothing; the lag is recorded.
    const wait = soonest - performance.now();
    if (!this.load.spec.spin) this.timer = setTimeout(this.tick, Math.max(0, wait));
    else this.timer = wait > SPIN_BELOW_MS ? setTimeout(this.tick, wait - SPIN_BELOW_MS) : setImmediate(this.tick);
  };
}
