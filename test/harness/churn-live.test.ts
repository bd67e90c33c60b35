/**
 * The churn generator against a live event-loop server, seen through a counting relay between them:
 * each connection it closes carried exactly the messages asked for, each way, and never more in
 * flight than its pipelining; what it reports (connections made and completed, messages answered)
 * agrees with what crossed the relay.
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadGenerator } from '../../src/harness/load/generator.js';
import type { LoadSpec } from '../../src/harness/load/generator-protocol.js';
import { mergeEncoded } from '../../src/harness/load/histogram.js';
import { eventually, within } from '../helpers/poll.js';
import { serverPool } from '../helpers/servers.js';

const CONNECTORS = 3;
const MESSAGES = 5;
const PIPELINING = 2;
const SIZE = 64;
/** Connections the generator must have closed on its own before the load is stopped. */
const COMPLETED = 30;

/** One connection as the relay saw it. */
interface Crossing {
  fromClient: number;
  toClient: number;
  /** Bytes each way when the client half-closed; undefined while it has not. */
  atClientEnd?: { fromClient: number; toClient: number; beforeStop: boolean };
  /** The client had more bytes unanswered than its pipelining allows. */
  overPipelined: boolean;
}

/** Relays every connection to `port`, counting what crosses; `onEnd` hears each client half-close. */
function countingRelay(port: number, onEnd: () => void) {
  const crossings: Crossing[] = [];
  const open = new Set<net.Socket>();
  const state = { stopped: false };
  const relay = net.createServer({ allowHalfOpen: true }, (client) => {
    const crossing: Crossing = { fromClient: 0, toClient: 0, overPipelined: false };
    crossings.push(crossing);
    open.add(client);
    const upstream = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    client.on('data', (chunk: Buffer) => {
      crossing.fromClient += chunk.length;
      // The client sends a message only once an earlier one came back through here.
      if (crossing.fromClient - crossing.toClient > PIPELINING * SIZE) crossing.overPipelined = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      crossing.toClient += chunk.length;
      client.write(chunk);
    });
    client.on('end', () => {
      crossing.atClientEnd = { fromClient: crossing.fromClient, toClient: crossing.toClient, beforeStop: !state.stopped };
      upstream.end();
      onEnd();
    });
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => {
      upstream.destroy();
      open.delete(client);
    });
  });
  return { relay, crossings, open, state };
}

const servers = serverPool();
afterAll(() => servers.cleanup());

describe('churn against a live server', () => {
  it('closes each connection after exactly its messages, and reports what crossed the wire', async () => {
    const server = await servers.start('event-loop');
    let reached: () => void = () => {};
    const completed = new Promise<void>((resolve) => (reached = resolve));
    const { relay, crossings, open, state } = countingRelay(server.port, () => {
      if (crossings.filter((c) => c.atClientEnd?.beforeStop).length >= COMPLETED) reached();
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const spec: LoadSpec = {
      host: '127.0.0.1',
      port: (relay.address() as net.AddressInfo).port,
      mode: 'churn',
      connections: CONNECTORS,
      firstConnection: 0,
      idleConnections: 0,
      messageSize: SIZE,
      pipelining: PIPELINING,
      rate: 0,
      spin: false,
      messagesPerConnection: MESSAGES,
      amount: 0,
      connectTimeoutMs: 5_000,
      answerTimeoutMs: 30_000,
    };
    const generator = new LoadGenerator(spec);
    // The window opens before the first connection, so it measures every one of them.
    const window = generator.measureWindow(60_000);
    let finish: ReturnType<LoadGenerator['finish']>;
    try {
      await generator.open();
      await within(`${COMPLETED} connections completed`, completed, 30_000);
    } finally {
      // Window and load end together, so no connection opens between them unmeasured.
      state.stopped = true;
      generator.endWindow();
      finish = generator.finish();
    }
    const report = await window;
    // Every connection it made reaches the relay, though the relay may accept one after the load stopped.
    await eventually('every connection relayed and closed', () => crossings.length >= finish.connected && open.size === 0);
    relay.close();

    const whole = MESSAGES * SIZE;
    const closedByGenerator = crossings.filter((c) => c.atClientEnd?.beforeStop);
    // Every connection the generator ended on its own: all its messages sent and all echoed, nothing more.
    expect(closedByGenerator.length).toBeGreaterThanOrEqual(COMPLETED);
    expect(closedByGenerator.map((c) => c.atClientEnd)).toEqual(closedByGenerator.map(() => ({ fromClient: whole, toClient: whole, beforeStop: true })));
    expect(crossings.every((c) => c.fromClient <= whole && c.toClient <= c.fromClient)).toBe(true);
    expect(crossings.filter((c) => c.overPipelined)).toEqual([]);

    // Its own counts agree: each completed connection answered all its messages within the window;
    // the few still going when it stopped (one per connector at most) account for the rest.
    // It counts a connection once its socket closes, after the relay saw the half-close.
    expect(report.connectionsCompleted).toBeLessThanOrEqual(closedByGenerator.length);
    expect(closedByGenerator.length).toBeLessThanOrEqual(report.connectionsCompleted + CONNECTORS);
    expect(report.messages).toBeGreaterThanOrEqual(report.connectionsCompleted * MESSAGES);
    expect(report.messages).toBeLessThanOrEqual((report.connectionsCompleted + CONNECTORS) * MESSAGES);
    expect(report.perConnection).toHaveLength(CONNECTORS);
    expect(report.perConnection.reduce((sum, n) => sum + n, 0)).toBe(report.messages);
    expect(crossings.length).toBeLessThanOrEqual(finish.connected + CONNECTORS);
    expect(mergeEncoded([report.connectLatency!]).totalCount).toBe(finish.connected);
    expect(Object.values(finish.errors).every((n) => n === 0)).toBe(true);
    expect(finish.connectFailure).toBeNull();
  });
});
