/**
 * The main-thread side of a connection whose service runs on another thread (hsha, half-sync/
 * half-async: by design this thread keeps the socket I/O): it sends each chunk it reads to the
 * service and writes the replies back in the order the chunks were read, whatever order the
 * service finishes them in (a FIFO of pending replies: the head is written as soon as it is in).
 *
 * Backpressure through every hop: reading pauses while too many bytes are out at the service,
 * while the socket's send buffer is full, or while the admission gate says the service is saturated.
 */
import type { Socket } from 'node:net';
import type { AdmissionGate, Resumable } from './admission-gate.js';

/** Bytes one connection may have at the service (read, not yet written back) before it pauses. */
export const MAX_IN_FLIGHT_BYTES = 1 << 20;

/** The reply to one chunk, filled in by the service when it is done with that chunk. */
export interface PendingReply {
  resolve(reply: Uint8Array): void;
  /** The service failed this chunk: the replies before it are written, then the connection is closed. */
  reject(error: Error): void;
}

export interface RelayOptions {
  /** Bytes out at the service, at most (one more read may exceed it); default MAX_IN_FLIGHT_BYTES. */
  maxInFlightBytes?: number;
  /** Service-wide admission (hsha's bounded task queue): reading pauses while it is closed. */
  admission?: AdmissionGate;
  /** A chunk failed (its connection is then destroyed: the bytes after it cannot be echoed in order). */
  onFailure?(error: Error): void;
}

/** Why a relay does not read. */
export type HoldReason = 'in-flight bytes' | 'send buffer' | 'admission';

/** One chunk out at the service; one shared callback per relay, so a chunk costs no closure. */
class Slot implements PendingReply {
  reply: Uint8Array | undefined;
  error: Error | undefined;

  constructor(
    readonly bytes: number,
    private readonly settled: () => void,
  ) {}

  resolve(reply: Uint8Array): void {
    this.reply = reply;
    this.settled();
  }

  reject(error: Error): void {
    this.error = error;
    this.settled();
  }
}

export class Relay implements Resumable {
  /** Chunks out at the service, in the order they were read. */
  private readonly pending: Slot[] = [];
  private inFlightBytes = 0;
  private readEnded = false;
  private readonly maxInFlightBytes: number;
  private readonly admission: AdmissionGate | undefined;
  /** Settles when the socket is closed. */
  readonly closed: Promise<void>;

  constructor(
    private readonly socket: Socket,
    send: (chunk: Buffer, reply: PendingReply) => void,
    private readonly options: RelayOptions = {},
  ) {
    this.maxInFlightBytes = options.maxInFlightBytes ?? MAX_IN_FLIGHT_BYTES;
    this.admission = options.admission;
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.admission?.forget(this);
        resolve();
      }),
    );
    socket.on('data', (chunk: Buffer) => {
      const slot = new Slot(chunk.length, this.writeReplies);
      this.pending.push(slot);
      this.inFlightBytes += chunk.length;
      send(chunk, slot);
      this.resumeIfReady();
    });
    socket.on('drain', () => this.resumeIfReady());
    socket.on('end', () => {
      this.readEnded = true;
      this.endIfDone();
    });
    socket.resume();
  }

  /** Why reading must pause now, if it must. A pure check: it changes nothing. */
  holdReason(): HoldReason | undefined {
    if (this.inFlightBytes >= this.maxInFlightBytes) return 'in-flight bytes';
    if (this.socket.writableNeedDrain) return 'send buffer';
    if (this.admission && !this.admission.isOpen()) return 'admission';
    return undefined;
  }

  /** Read if nothing holds the relay back, else pause (waiting at the gate if the gate is what holds it). */
  resumeIfReady(): void {
    if (this.socket.destroyed) return;
    const reason = this.holdReason();
    if (reason === undefined) {
      if (this.socket.isPaused()) this.socket.resume();
      return;
    }
    if (reason === 'admission') this.admission!.hold(this);
    if (!this.socket.isPaused()) this.socket.pause();
  }

  /** Write every reply at the head of the FIFO that is in, in order; stop at the first still out. */
  private readonly writeReplies = (): void => {
    while (this.pending.length > 0) {
      const head = this.pending[0]!;
      if (head.reply === undefined && head.error === undefined) break;
      this.pending.shift();
      this.inFlightBytes -= head.bytes;
      if (head.error) return this.fail(head.error);
      if (!this.socket.destroyed) this.socket.write(head.reply!);
    }
    this.resumeIfReady();
    this.endIfDone();
  };

  private fail(error: Error): void {
    this.options.onFailure?.(error);
    this.pending.length = 0;
    this.socket.destroy();
  }

  /** After the client's FIN: once every reply is written, send ours. */
  private endIfDone(): void {
    if (this.readEnded && this.pending.length === 0 && !this.socket.destroyed) this.socket.end();
  }
}
