/**
 * The main-thread side of a connection whose service runs on another thread (hsha, half-sync/
 * half-async: by design this thread keeps the socket I/O): it sends each chunk it reads to the
 * service and writes the replies back in order.
 *
 * Backpressure through every hop: reading pauses while too many bytes are out at the service,
 * while the socket's send buffer is full, or while the admission gate says the service is saturated.
 */
import type { Socket } from 'node:net';

export interface RelayOptions {
  /** Bytes sent to the service and not yet written back, at most (one more read may exceed it). */
  maxInFlightBytes: number;
  /** Service-wide admission (piscina's bounded queue): reading pauses while it is closed. */
  admission?: Admission;
}

export interface Admission {
  isOpen(): boolean;
  /** This relay is paused (or stays paused) on closed admission: call its resumeIfReady() once open. */
  wait(relay: Relay): void;
}

export class Relay {
  private inFlightBytes = 0;
  private readEnded = false;
  private readonly options: RelayOptions;
  /** Settles when the socket is closed. */
  readonly closed: Promise<void>;

  constructor(
    private readonly socket: Socket,
    send: (chunk: Buffer) => void,
    options: RelayOptions,
  ) {
    this.options = options;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      this.inFlightBytes += chunk.length;
      send(chunk);
      if (this.mustWait()) socket.pause();
    });
    // A relay can pause for one reason (a full send buffer, say) and still be held by admission when
    // that clears: mustWait() registers it with the admission gate every time, so none is forgotten.
    socket.on('drain', () => this.resumeIfReady());
    socket.on('end', () => {
      this.readEnded = true;
      this.endIfDone();
    });
    socket.resume();
  }

  /** Write the service's reply for the oldest chunk still out. Replies must arrive in order. */
  reply(chunk: Uint8Array): void {
    this.inFlightBytes -= chunk.byteLength;
    if (this.socket.destroyed) return;
    this.socket.write(chunk);
    this.resumeIfReady();
    this.endIfDone();
  }

  /** Resume reading if nothing holds it back any more (the admission gate calls this too). */
  resumeIfReady(): void {
    if (this.socket.isPaused() && !this.socket.destroyed && !this.mustWait()) this.socket.resume();
  }

  get waiting(): boolean {
    return this.socket.isPaused();
  }

  private mustWait(): boolean {
    if (this.inFlightBytes >= this.options.maxInFlightBytes || this.socket.writableNeedDrain) return true;
    const { admission } = this.options;
    if (admission === undefined || admission.isOpen()) return false;
    admission.wait(this);
    return true;
  }

  /** After the client's FIN: once every reply is written, send ours. */
  private endIfDone(): void {
    if (this.readEnded && this.inFlightBytes === 0 && !this.socket.destroyed) this.socket.end();
  }
}
