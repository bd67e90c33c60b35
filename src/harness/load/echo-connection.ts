/**
 * One load-generator connection: sends messages from the pattern, checks every echoed byte,
 * and times each message from its send (and, open loop, its intended send) to its last byte back.
 * The caller reads the clock once per send and passes the time in.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ErrorKind } from '../../results/schema.js';
import { Pattern } from './pattern.js';
import { TimeQueue } from './time-queue.js';

export interface ConnectionEvents {
  /**
   * A whole message came back: ms since it was sent, and since the schedule meant it to be sent
   * (open loop; without a schedule a message is meant to go when it goes, so the two are equal).
   */
  answered(connection: EchoConnection, sinceSentMs: number, sinceIntendedMs: number): void;
  /** `cause`: the errno code (ECONNREFUSED, …) or what timed out, for saying why a connection never connected. */
  failed(connection: EchoConnection, kind: ErrorKind, cause: string): void;
  connected(connection: EchoConnection, connectMs: number): void;
  closed(connection: EchoConnection): void;
}

const ERROR_KINDS: Record<string, ErrorKind> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
};

/** How a socket error counts in a row's errors. */
export function errorKind(error: NodeJS.ErrnoException): ErrorKind {
  return ERROR_KINDS[error.code ?? ''] ?? 'other';
}

/** What every connection of one generator shares. */
export interface ConnectionSetup {
  host: string;
  port: number;
  connectTimeoutMs: number;
  pattern: Pattern;
  messageSize: number;
}

/** Where every connection's reads land: a read is checked and dropped before the loop reads again. */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export class EchoConnection {
  readonly socket: net.Socket;
  private readonly seed: number;
  private readonly pattern: Pattern;
  private readonly messageSize: number;
  private sentBytes = 0;
  private receivedBytes = 0;
  private readonly sentAt = new TimeQueue();
  /**
   * When the schedule meant each message in flight to be sent (open loop; otherwise when it was sent).
   * Kept in every mode: a capacity search runs its closed-loop probe and open-loop steps on the same connections.
   */
  private readonly intendedAt = new TimeQueue();
  /** Messages answered on this connection. */
  answered = 0;
  everAnswered = false;
  isConnected = false;
  private failed = false;

  constructor(
    /** Global connection number (seeds its byte stream); negative for idle connections. */
    readonly index: number,
    /** The generator's slot this connection fills (-1: idle). */
    readonly slot: number,
    { host, port, connectTimeoutMs, pattern, messageSize }: ConnectionSetup,
    private readonly events: ConnectionEvents,
  ) {
    this.seed = Pattern.seed(index);
    this.pattern = pattern;
    this.messageSize = messageSize;
    const startedAt = performance.now();
    // onread: the kernel's bytes land in one buffer every connection reuses (each read is checked and
    // dropped before the next), instead of a new Buffer and a stream 'data' event per read.
    this.socket = net.connect({
      host,
      port,
      noDelay: true,
      allowHalfOpen: true,
      onread: { buffer: READ_BUFFER, callback: (bytes: number, buffer: Uint8Array) => (this.onData(Buffer.from(buffer.buffer, buffer.byteOffset, bytes)), true) },
    });
    this.socket.setTimeout(connectTimeoutMs, () => this.fail('timeout', `no connection within ${connectTimeoutMs / 1000} s`));
    this.socket.once('connect', () => {
      this.socket.setTimeout(0);
      this.isConnected = true;
      events.connected(this, performance.now() - startedAt);
    });
    this.socket.on('end', () => {
      if (this.receivedBytes < this.sentBytes) this.fail('short', 'closed with an echo outstanding');
      else this.socket.end();
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => this.fail(errorKind(error), error.code ?? error.message));
    this.socket.once('close', () => events.closed(this));
  }

  get inFlight(): number {
    return this.sentAt.length;
  }


  /** Send the next message, at `now` (performance.now()); open loop: `intended` is when the schedule wanted it sent. */
  send(now: number, intended = now): void {
    if (this.failed || this.socket.destroyed) return;
    this.sentAt.push(now);
    this.intendedAt.push(intended);
    this.socket.write(this.pattern.message(this.seed, this.sentBytes, this.messageSize));
    this.sentBytes += this.messageSize;
  }

  /**
   * Send `count` messages at once, at `now`; `intended(k)` is when the schedule wanted the k-th sent.
   * Corked, so they leave in one write (writev) rather than one syscall each, in order.
   */
  sendMany(now: number, count: number, intended: (k: number) => number): void {
    if (count === 1) return this.send(now, intended(0));
    this.socket.cork();
    for (let k = 0; k < count; k++) this.send(now, intended(k));
    this.socket.uncork();
  }

  /** Messages sent at or after `since` and in flight for longer than `ms` (counted as timeouts when a load ends). */
  overdue(ms: number, since = Number.NEGATIVE_INFINITY): number {
    return Math.max(0, this.sentAt.countBefore(performance.now() - ms) - this.sentAt.countBefore(since));
  }

  close(): void {
    this.failed = true; // whatever happens now is our doing, not the server's
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.failed) return;
    if (!this.pattern.matches(this.seed, this.receivedBytes, chunk)) {
      this.fail('mismatch', 'the echo differed from what was sent');
      return;
    }
    this.receivedBytes += chunk.length;
    const answeredBytes = this.sentBytes - this.sentAt.length * this.messageSize;
    let complete = Math.floor((this.receivedBytes - answeredBytes) / this.messageSize);
    if (complete > this.sentAt.length) {
      this.fail('other', 'more bytes back than were sent'); // the pattern check makes this near impossible
      return;
    }
    const now = performance.now();
    for (; complete > 0; complete--) {
      const sinceSent = now - this.sentAt.shift();
      const sinceIntended = now - this.intendedAt.shift();
      this.answered++;
      this.everAnswered = true;
      this.events.answered(this, sinceSent, sinceIntended);
    }
  }

  private fail(kind: ErrorKind, cause: string): void {
    if (this.failed) return;
    this.failed = true;
    this.events.failed(this, kind, cause);
    this.socket.destroy();
  }
}
