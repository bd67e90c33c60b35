/**
 * What differs between the generator's three modes (closed loop, open loop, churn): when messages
 * are sent, what ends a connection, and what the mode measures beyond the latency every mode has.
 * The generator (generator.ts) owns the connections and the window; a mode only decides.
 */
import type { EchoConnection } from './echo-connection.js';
import type { LoadSpec, WarmProgress, WindowReport } from './generator-protocol.js';

/** The generator as a mode sees it. */
export interface Load {
  readonly spec: LoadSpec;
  /** Active connections, by slot (closed/open: fixed; churn: the connector's current connection). */
  readonly slots: readonly (EchoConnection | undefined)[];
  /** Inside a measured window. */
  readonly measuring: boolean;
  /** Send the next message on `connection` (counted while measuring); returns the time it left (performance.now()). */
  send(connection: EchoConnection, intended?: number): number;
  /** Open loop: send `count` messages due on `connection` in one write; `intended(k)` is the k-th's intended time. Returns the time they left. */
  sendMany(connection: EchoConnection, count: number, intended: (k: number) => number): number;
  /** Open loop, while measuring: a message left `lagUs` late against its schedule (the time series' send lag). */
  sendLagged(lagUs: number): void;
  /** The first burst on a connection: `pipelining` messages, at most `limit`. */
  sendFirst(connection: EchoConnection, limit: number): void;
  /** Open a new connection in `slot` after `delayMs` (unless the load has stopped by then). */
  reconnect(slot: number, delayMs: number): void;
  /** End the measured window now, before its time is up. */
  endWindow(): void;
}

/** A mode's part in the load; every hook is called only while the load runs. */
export interface Mode {
  /** Every connection has been opened: start the load. */
  start?(): void;
  connected(connection: EchoConnection, connectMs: number): void;
  /** A message came back (the generator has counted it and its latency). */
  answered(connection: EchoConnection, sinceSentMs: number): void;
  closed?(connection: EchoConnection): void;
  /** Warm-up progress, if the mode counts it differently from "connections answered at least once". */
  progress?(): WarmProgress;
  /** A primed load may loop now. */
  go?(): void;
  /** A measured window starts: reset what the mode measures. */
  windowStarted?(): void;
  /** What the mode measured in the window, for its report. */
  windowReport?(): Partial<WindowReport>;
  stop?(): void;
}

/** Histograms hold whole µs, at least 1. */
export const toUs = (ms: number) => Math.max(1, Math.round(ms * 1000));
