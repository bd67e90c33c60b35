/**
 * One hsha connection as the main thread (the async half) holds it: the jobs its chunks became,
 * in the order they were read, and the replies written in that order whatever order the pool
 * finishes them in. It also knows its own reasons to stop reading (see readIfRoom).
 */
import type { Socket } from 'node:net';
import { detachable } from '../shared/transfer.js';
import { WorkMeter, type WorkSpec } from '../shared/work.js';

/** Bytes one connection may have read and not yet written back before it stops reading. */
export const MAX_UNWRITTEN_BYTES = 1 << 20;

/** One chunk on its way through the pipeline: read here, served by a pool thread, written back here. */
export class Job {
  reply: Uint8Array | undefined;
  error: Error | undefined;
  /** The chunk's length (`data` is empty once moved to a thread). */
  readonly bytes: number;

  constructor(
    readonly connection: Connection,
    /** Owns its ArrayBuffer, so it can be moved to a thread. */
    readonly data: Uint8Array<ArrayBuffer>,
    /** Hash rounds the chunk owes (metered per connection here: the carry spans chunks that may run on different threads). */
    readonly iterations: number,
  ) {
    this.bytes = data.byteLength;
  }

  done(reply: Uint8Array): void {
    this.reply = reply;
    this.connection.writeReplies();
  }

  /** The pool failed this chunk: the replies before it are written, then the connection is closed. */
  failed(error: Error): void {
    this.error = error;
    this.connection.writeReplies();
  }
}

export class Connection {
  /** Read and not yet written back, in read order. */
  private readonly owed: Job[] = [];
  private unwrittenBytes = 0;
  private readEnded = false;
  private readonly meter: WorkMeter;
  /** Its last chunk waits outside the full queue: it reads nothing more until that chunk is queued. */
  waitsForQueue = false;
  /** Settles when the socket is closed. */
  readonly closed: Promise<void>;

  constructor(
    readonly socket: Socket,
    work: WorkSpec,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.meter = new WorkMeter(work);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('drain', () => this.readIfRoom());
    socket.on('end', () => {
      this.readEnded = true;
      this.endIfDone();
    });
  }

  /** A chunk was read: its job, given its place in the write order. */
  jobFor(chunk: Uint8Array): Job {
    const data = detachable(chunk);
    const job = new Job(this, data, this.meter.iterationsFor(data.byteLength));
    this.owed.push(job);
    this.unwrittenBytes += job.bytes;
    return job;
  }

  /**
   * Read unless something holds it back: its chunk waits for room in the queue, its socket's send
   * buffer is full (write() returned false), or it has too many bytes read and not written back.
   */
  readIfRoom(): void {
    if (this.socket.destroyed) return;
    const hold = this.waitsForQueue || this.socket.writableNeedDrain || this.unwrittenBytes >= MAX_UNWRITTEN_BYTES;
    if (hold) this.socket.pause();
    else if (this.socket.isPaused()) this.socket.resume();
  }

  /** Write every reply at the head that is in, in order; stop at the first still at the pool. */
  writeReplies(): void {
    while (this.owed.length > 0) {
      const head = this.owed[0]!;
      if (head.reply === undefined && head.error === undefined) break;
      this.owed.shift();
      this.unwrittenBytes -= head.bytes;
      if (head.error) return this.fail(head.error);
      if (!this.socket.destroyed) this.socket.write(head.reply!);
    }
    this.readIfRoom();
    this.endIfDone();
  }

  /** The bytes after a failed chunk cannot be echoed in order: close the connection. */
  private fail(error: Error): void {
    this.onFailure(error);
    this.owed.length = 0;
    this.socket.destroy();
  }

  /** After the client's FIN: once every reply is written, send ours. */
  private endIfDone(): void {
    if (this.readEnded && this.owed.length === 0 && !this.socket.destroyed) this.socket.end();
  }
}
