/**
 * Departing clients that sent bytes and half-closed: a correct server still owes each its echo.
 * Each keeps reading until the server closes it; then it counts as echoed (every byte it sent came
 * back) or as closed short. `settled` waits for every one, or the deadline.
 */
import type { Socket } from 'node:net';
import type { OwedEchoes } from '../../results/schema.js';

export class OwedEchoTracker {
  private readonly open = new Set<Socket>();
  private readonly counts = { echoed: 0, closedShort: 0 };
  private allClosed: (() => void) | undefined;

  /** Follow `socket`, which has sent `bytes` and half-closed, until the server closes it. */
  follow(socket: Socket, bytes: number): void {
    let received = 0;
    this.open.add(socket);
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    // A reset is counted where it ends the socket, at 'close'; a second error must not throw.
    socket.on('error', () => {});
    // The server's FIN, a reset, or our own destroy at the deadline: whichever comes first counts.
    socket.once('close', () => {
      if (!this.open.delete(socket)) return;
      this.counts[received >= bytes ? 'echoed' : 'closedShort']++;
      socket.destroy();
      if (this.open.size === 0) this.allClosed?.();
    });
    socket.once('end', () => socket.destroy());
  }

  /** Once every followed client has been closed by the server, or at `deadline` (performance.now()): the counts, the rest still waiting. */
  async settled(deadline: number): Promise<OwedEchoes> {
    if (this.open.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
        this.allClosed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const waiting = this.open.size;
    const sockets = [...this.open];
    this.open.clear(); // before destroy: a socket closed here is counted as waiting, not as closed short
    for (const socket of sockets) socket.destroy();
    return { ...this.counts, waiting };
  }
}
