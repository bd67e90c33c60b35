/**
 * EchoConnection.sendMany against a plain echo server on port 0: the messages of a batch leave in
 * one write, and every byte comes back in order (the connection's pattern check would say otherwise).
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EchoConnection, type ConnectionEvents } from '../../src/harness/load/echo-connection.js';
import { Pattern } from '../../src/harness/load/pattern.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
  vi.restoreAllMocks();
});

async function echoServer(): Promise<number> {
  const server = net.createServer((socket) => socket.pipe(socket));
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => sockets.add(socket.on('close', () => sockets.delete(socket))));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  cleanup.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

describe('EchoConnection.sendMany', () => {
  it('sends a batch in one write, and every message comes back whole and in order, each timed from its own intended time', async () => {
    const port = await echoServer();
    const sinceIntended: number[] = [];
    const failures: string[] = [];
    let connected!: () => void;
    let allBack!: () => void;
    const up = new Promise<void>((resolve) => (connected = resolve));
    const back = new Promise<void>((resolve) => (allBack = resolve));
    const events: ConnectionEvents = {
      answered: (_c, _sent, intended) => {
        sinceIntended.push(intended);
        if (sinceIntended.length === 7) allBack();
      },
      failed: (_c, kind, cause) => failures.push(`${kind}: ${cause}`),
      connected: () => connected(),
      closed: () => {},
    };
    const setup = { host: '127.0.0.1', port, connectTimeoutMs: 3000, pattern: new Pattern(64), messageSize: 64 };
    const connection = new EchoConnection(3, 0, setup, events);
    cleanup.push(() => connection.close());
    await up;
    const writes = vi.spyOn(connection.socket as unknown as { _writev: (chunks: unknown[], cb: () => void) => void }, '_writev');
    const now = performance.now();
    // Intended 10, 9, …, 4 ms ago: timed from those, each answer is at least that old.
    connection.sendMany(now, 6, (k) => now - 10 + k);
    connection.sendMany(now, 1, () => now - 4);
    await back;
    expect(failures).toEqual([]);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(writes.mock.calls[0]![0]).toHaveLength(6);
    sinceIntended.forEach((ms, k) => expect(ms).toBeGreaterThanOrEqual(10 - k));
    expect(connection.inFlight).toBe(0);
  });
});
