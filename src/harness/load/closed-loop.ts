/**
 * Closed loop: each connection keeps `pipelining` messages in flight and sends the next when one
 * comes back, without end, or until its share of a fixed amount (--amount) or its `holdAfter`
 * messages are sent. Latency counts from the actual send.
 */
import type { EchoConnection } from './echo-connection.js';
import { evenShare } from './even-share.js';
import type { Load, Mode } from './mode.js';

export class ClosedLoop implements Mode {
  /** A primed load holds each connection after its first answers until go(). */
  private going: boolean;

  constructor(private readonly load: Load) {
    this.going = !load.spec.primed;
  }

  connected(connection: EchoConnection): void {
    // A fixed amount is counted from its first message: hold it until measuring starts.
    if (this.load.spec.amount > 0 && !this.load.measuring) return;
    this.load.sendFirst(connection, this.limitOf(connection));
  }

  answered(connection: EchoConnection): void {
    if (!this.going) return;
    const limit = this.limitOf(connection);
    if (connection.answered + connection.inFlight < limit) this.load.send(connection);
    else if (connection.answered >= limit) this.endIfAmountDone();
  }

  go(): void {
    if (this.going) return;
    this.going = true;
    // Each answered connection refills its pipeline; one still waiting for its first answers goes on from there.
    for (const c of this.load.slots) {
      if (!c?.isConnected) continue;
      const limit = this.limitOf(c);
      while (c.inFlight < this.load.spec.pipelining && c.answered + c.inFlight < limit) this.load.send(c);
    }
  }

  closed(): void {
    this.endIfAmountDone();
  }

  windowStarted(): void {
    if (this.load.spec.amount === 0) return;
    for (const c of this.load.slots) if (c?.isConnected && c.answered + c.inFlight === 0) this.load.sendFirst(c, this.limitOf(c));
    this.endIfAmountDone();
  }

  /** A fixed amount's window lasts until every connection has had all its answers (or is gone). */
  private endIfAmountDone(): void {
    if (this.load.spec.amount === 0 || !this.load.measuring) return;
    if (this.load.slots.every((c) => !c || c.socket.destroyed || c.answered >= this.limitOf(c))) this.load.endWindow();
  }

  /** Messages this connection may send in all (its share of --amount, or its messages before holding). */
  private limitOf(connection: EchoConnection): number {
    const { amount, connections, holdAfter } = this.load.spec;
    if (holdAfter) return holdAfter;
    return amount === 0 ? Number.POSITIVE_INFINITY : evenShare(amount, connections, connection.slot);
  }
}
