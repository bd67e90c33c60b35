/**
 * Connections waiting for service, first come first served; consumers take them with `for await`
 * or `serve`. Waiting connections are accepted but not served.
 *
 * With `watch`, the queue reads each connection from its arrival (until it holds about
 * `watch.maxBytes`: one read and the stream's buffer more at most; held for whoever serves it) only
 * to notice a client that leaves: one that resets, or closes having sent nothing, is dropped at
 * once, so a departed client never costs its server a process. Nor is a new connection handed out
 * before its client has shown it is there: its first bytes, or one turn of the event loop with no
 * FIN or reset (a client that already left has its FIN or RST waiting, so it shows in that turn).
 * A client that sent bytes and then half-closed is still waiting for their echo and stays.
 * Without `watch`, nothing is read (a socket handed to a worker thread must never have been read)
 * and a connection can be handed out as it arrives.
 */
import type { Socket } from 'node:net';

export interface QueuedConnection {
  readonly socket: Socket;
  /** Bytes read while it waited (watching queues only), to be echoed first. */
  readonly preread: Buffer | undefined;
}

export interface QueueWatch {
  /** Bytes held per waiting connection before it is no longer read (memory stays bounded). */
  maxBytes: number;
  /** Called when a waiting connection's client left and it was dropped. */
  onAbandoned?(socket: Socket): void;
}

interface Entry {
  socket: Socket;
  chunks: Buffer[];
  bytes: number;
  dropped: boolean;
  /** Its client has shown it is still there (always, without watching): it may be handed out. */
  present: boolean;
  unwatch(): void;
}

export class SocketQueue implements AsyncIterable<QueuedConnection> {
  private readonly waiting: Entry[] = [];
  private readonly takers: Array<(connection: QueuedConnection | undefined) => void> = [];
  private closed = false;
  private live = 0;
  /** Waiting connections dropped because their client left. */
  abandoned = 0;

  constructor(private readonly watch?: QueueWatch) {}

  /** Connections waiting now (dropped ones not counted). */
  get length(): number {
    return this.live;
  }

  push(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const entry: Entry = { socket, chunks: [], bytes: 0, dropped: false, present: !this.watch, unwatch: () => {} };
    this.live++;
    this.waiting.push(entry);
    if (this.watch) this.startWatching(entry, this.watch);
    this.handOut();
  }

  /** The next waiting connection whose client is still there, or undefined once the queue is closed. */
  take(): Promise<QueuedConnection | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.takers.push(resolve);
      this.handOut();
    });
  }

  /** Stop handing out connections: the ones still waiting were never served and are closed. */
  close(): void {
    this.closed = true;
    for (const entry of this.waiting.splice(0)) {
      entry.unwatch();
      entry.socket.destroy();
    }
    this.live = 0;
    for (const taker of this.takers.splice(0)) taker(undefined);
  }

  /**
   * Serve waiting connections `slots` at a time, in arrival order: each slot takes the next one and
   * serves it to completion, then the next. Resolves once the queue is closed and every slot is idle.
   */
  async serve(slots: number, serveOne: (connection: QueuedConnection) => Promise<void>): Promise<void> {
    await Promise.all(
      Array.from({ length: slots }, async () => {
        for await (const connection of this) await serveOne(connection);
      }),
    );
  }

  async *[Symbol.asyncIterator](): AsyncIterator<QueuedConnection> {
    for (let connection = await this.take(); connection; connection = await this.take()) yield connection;
  }

  /** Give waiting takers the oldest connections, in arrival order, as far as their clients have shown they are there. */
  private handOut(): void {
    while (this.takers.length > 0 && this.waiting.length > 0) {
      const entry = this.waiting[0]!;
      if (!entry.dropped && !entry.present) return; // the oldest is still being vetted: the others wait behind it
      this.waiting.shift();
      if (entry.dropped || entry.socket.destroyed) {
        if (!entry.dropped) this.live--;
        continue;
      }
      this.live--;
      entry.unwatch();
      this.takers.shift()!({ socket: entry.socket, preread: entry.bytes > 0 ? Buffer.concat(entry.chunks) : undefined });
    }
  }

  private startWatching(entry: Entry, watch: QueueWatch): void {
    const { socket } = entry;
    const drop = () => {
      if (entry.dropped) return;
      entry.dropped = true;
      this.live--;
      this.abandoned++;
      socket.destroy();
      watch.onAbandoned?.(socket);
      this.handOut(); // the connections behind it need not wait for it
    };
    const showedUp = () => {
      if (entry.present) return;
      entry.present = true;
      this.handOut();
    };
    const onData = (chunk: Buffer) => {
      entry.chunks.push(chunk);
      entry.bytes += chunk.length;
      showedUp();
      // Enough held: the kernel buffers the rest. Paused too, or the flowing stream would ask for more at once.
      if (entry.bytes >= watch.maxBytes) {
        socket.pause();
        stopReading(socket);
      }
    };
    const onEnd = () => {
      if (entry.bytes === 0) drop(); // closed having asked for nothing: nobody to serve
    };
    const onError = () => drop(); // reset: the client is gone
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.on('error', onError);
    socket.once('close', drop);
    socket.resume();
    // Reading starts at the next poll of the event loop, where a FIN or RST already waiting shows; the
    // immediate after that poll ends the turn. (One immediate alone would run before that poll.)
    setImmediate(() => setImmediate(showedUp));
    entry.unwatch = () => {
      stopReading(socket);
      socket.off('data', onData); // first: read() below emits 'data' too, and a chunk must be held once
      socket.off('end', onEnd);
      socket.off('error', onError);
      socket.off('close', drop);
      // Anything Node still holds in the stream's buffer belongs to the connection too.
      for (let chunk: Buffer | null = socket.read(); chunk !== null; chunk = socket.read()) onData(chunk);
      stopReading(socket); // read() may have asked the kernel for more; nothing has come yet (same tick)
    };
  }
}

/**
 * Stop reading from the kernel now. pause() alone is not enough for a socket about to be handed to
 * another process: Node keeps reading into the stream's buffer up to its high-water mark, and bytes
 * read after child.send() took the handle would be lost. Node's own pauseOnConnect does this.
 */
function stopReading(socket: Socket): void {
  const handle = (socket as unknown as { _handle?: { reading: boolean; readStop(): number } | null })._handle;
  if (!handle) return;
  handle.reading = false;
  handle.readStop();
}
