/** Connections waiting for service, first come first served; consumers take them with `for await`. */
import type { Socket } from 'node:net';

export class SocketQueue implements AsyncIterable<Socket> {
  private readonly waiting: Socket[] = [];
  private readonly takers: Array<(socket: Socket | undefined) => void> = [];
  private closed = false;

  get length(): number {
    return this.waiting.length;
  }

  push(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const taker = this.takers.shift();
    if (taker) taker(socket);
    else this.waiting.push(socket);
  }

  /** The next waiting socket whose client is still there, or undefined once the queue is closed. */
  async take(): Promise<Socket | undefined> {
    for (;;) {
      const socket = this.waiting.shift() ?? (this.closed ? undefined : await new Promise<Socket | undefined>((r) => this.takers.push(r)));
      if (socket === undefined || !socket.destroyed) return socket;
    }
  }

  /** Stop handing out sockets: the ones still waiting were never served and are closed. */
  close(): void {
    this.closed = true;
    for (const socket of this.waiting.splice(0)) socket.destroy();
    for (const taker of this.takers.splice(0)) taker(undefined);
  }

  /**
   * Serve waiting sockets `slots` at a time, in arrival order: each slot takes the next socket and
   * serves it to completion, then the next. Resolves once the queue is closed and every slot is idle.
   */
  async serve(slots: number, serveOne: (socket: Socket) => Promise<void>): Promise<void> {
    await Promise.all(
      Array.from({ length: slots }, async () => {
        for await (const socket of this) await serveOne(socket);
      }),
    );
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Socket> {
    for (let socket = await this.take(); socket; socket = await this.take()) yield socket;
  }
}
