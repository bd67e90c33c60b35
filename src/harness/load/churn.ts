/**
 * Connection churn: each connector opens a connection, sends `messagesPerConnection` messages
 * (`pipelining` in flight), closes it once all are answered, and opens the next at once. Latency
 * counts from the actual send; connect latency and completed connections are measured too.
 */
import type { EchoConnection } from './echo-connection.js';
import { encode, newHistogram } from './histogram.js';
import type { WarmProgress, WindowReport } from './generator-protocol.js';
import { toUs, type Load, type Mode } from './mode.js';

/** After a connection failed, its connector waits this long before the next: no hot loop. */
const RETRY_DELAY_MS = 10;

export class Churn implements Mode {
  /** Connectors (slots) that have completed at least one connection: warm. */
  private readonly completedOnce = new Set<number>();
  private readonly connectLatency = newHistogram();
  private connectionsCompleted = 0;

  constructor(private readonly load: Load) {}

  connected(connection: EchoConnection, connectMs: number): void {
    if (this.load.measuring) this.connectLatency.recordValue(toUs(connectMs));
    this.load.sendFirst(connection, this.load.spec.messagesPerConnection);
  }

  answered(connection: EchoConnection): void {
    const { messagesPerConnection } = this.load.spec;
    if (connection.answered >= messagesPerConnection) connection.socket.end();
    else if (connection.answered + connection.inFlight < messagesPerConnection) this.load.send(connection);
  }

  closed(connection: EchoConnection): void {
    const complete = connection.answered >= this.load.spec.messagesPerConnection;
    if (complete) this.completedOnce.add(connection.slot);
    if (complete && this.load.measuring) this.connectionsCompleted++;
    this.load.reconnect(connection.slot, complete ? 0 : RETRY_DELAY_MS);
  }

  /** Connections come and go: a connector is warm once one of its connections has completed. */
  progress(): WarmProgress {
    return { live: this.load.slots.length, answered: this.completedOnce.size };
  }

  windowStarted(): void {
    this.connectLatency.reset();
    this.connectionsCompleted = 0;
  }

  windowReport(): Partial<WindowReport> {
    return { connectLatency: encode(this.connectLatency), connectionsCompleted: this.connectionsCompleted };
  }
}
