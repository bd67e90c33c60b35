/**
 * SocketQueue, in process, with a local server: first come first served, and (watching) clients
 * that leave before their turn are dropped and counted while the bytes it holds stay bounded.
 */
import net, { type Socket } from 'node:net';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SocketQueue, type QueueWatch } from '../../src/shared/socket-queue.js';
import { eventually } from '../helpers/poll.js';

let server: net.Server;
let accepted: Socket[] = [];
const clients: Socket[] = [];

beforeEach(async () => {
  accepted = [];
  // As the models do: accepted sockets are not read until the queue (or its consumer) says so.
  server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (socket) => accepted.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});

afterEach(async () => {
  for (const socket of [...clients.splice(0), ...accepted]) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** Connect a client and return it with its accepted server side. */
async function connect(): Promise<{ client: Socket; socket: Socket }> {
  const client = net.connect({ port: (server.address() as net.AddressInfo).port, host: '127.0.0.1' });
  client.on('error', () => {});
  clients.push(client);
  await once(client, 'connect');
  const socket = await eventually('the connection accepted', () => accepted.find((s) => s.remotePort === client.localPort), 5_000, 5);
  return { client, socket };
}

/** A queue holding `count` connections pushed in order, with their clients. */
async function queueOf(count: number, watch?: QueueWatch): Promise<{ queue: SocketQueue; pairs: { client: Socket; socket: Socket }[] }> {
  const queue = new SocketQueue(watch);
  const pairs = [];
  for (let i = 0; i < count; i++) {
    const pair = await connect();
    queue.push(pair.socket);
    pairs.push(pair);
  }
  return { queue, pairs };
}

describe('SocketQueue', () => {
  it('hands connections out first come, first served', async () => {
    const { queue, pairs } = await queueOf(4);
    expect(queue.length).toBe(4);
    for (const { socket } of pairs) expect((await queue.take())?.socket).toBe(socket);
    expect(queue.length).toBe(0);
  });

  it('serves its slots in arrival order, a slot taking the next when it is free', async () => {
    const { queue, pairs } = await queueOf(5);
    const order: Socket[] = [];
    const serving = queue.serve(2, async ({ socket }) => {
      order.push(socket);
      await delay(order.length % 2 === 0 ? 5 : 15);
    });
    await eventually('every connection taken', () => order.length === 5, 5_000, 5);
    queue.close();
    await serving;
    expect(order).toEqual(pairs.map(({ socket }) => socket));
  });

  it('makes a taker wait for the next push', async () => {
    const queue = new SocketQueue();
    const early = queue.take();
    await delay(20);
    const { socket } = await connect();
    queue.push(socket);
    expect((await early)?.socket).toBe(socket);
    expect(queue.length).toBe(0);
  });

  it('on close(), ends waiting takers and closes the connections still waiting, and any pushed later', async () => {
    const idle = new SocketQueue();
    const taker = idle.take();
    idle.close();
    expect(await taker).toBeUndefined();

    const { queue, pairs } = await queueOf(2);
    queue.close();
    expect(queue.length).toBe(0);
    expect(await queue.take()).toBeUndefined();
    // Never served: closed, and their clients see it.
    await Promise.all(pairs.map(({ client }) => once(client, 'close')));
    expect(pairs.every(({ socket }) => socket.destroyed)).toBe(true);
    const late = await connect();
    queue.push(late.socket);
    expect(late.socket.destroyed).toBe(true);
  });

  it('without watching, reads nothing from a waiting connection', async () => {
    const { queue, pairs } = await queueOf(1);
    pairs[0]!.client.write('hello');
    await delay(100);
    const taken = await queue.take();
    expect(taken?.preread).toBeUndefined();
    expect(taken?.socket.bytesRead).toBe(0);
  });

  describe('watching', () => {
    const MAX_BYTES = 16 * 1024;

    it('drops and counts a client that resets having sent nothing, and hands out the next', async () => {
      const abandoned: Socket[] = [];
      const { queue, pairs } = await queueOf(3, { maxBytes: MAX_BYTES, onAbandoned: (socket) => abandoned.push(socket) });
      pairs[0]!.client.resetAndDestroy();
      await eventually('the reset client dropped', () => queue.abandoned === 1, 5_000, 5);
      expect(queue.length).toBe(2);
      expect(abandoned).toEqual([pairs[0]!.socket]);
      expect((await queue.take())?.socket).toBe(pairs[1]!.socket);
    });

    it('drops and counts a client that closes having sent nothing', async () => {
      const { queue, pairs } = await queueOf(2, { maxBytes: MAX_BYTES });
      pairs[1]!.client.end();
      await eventually('the closed client dropped', () => queue.abandoned === 1, 5_000, 5);
      expect(queue.length).toBe(1);
      expect((await queue.take())?.socket).toBe(pairs[0]!.socket);
      queue.close();
      expect(await queue.take()).toBeUndefined();
    });

    it('keeps a client that sent bytes and half-closed, with its bytes to echo first', async () => {
      const { queue, pairs } = await queueOf(1, { maxBytes: MAX_BYTES });
      pairs[0]!.client.end('asked before leaving');
      await delay(100);
      expect({ length: queue.length, abandoned: queue.abandoned }).toEqual({ length: 1, abandoned: 0 });
      const taken = await queue.take();
      expect(taken?.preread?.toString()).toBe('asked before leaving');
    });

    it('never hands a waiting taker a connection whose client had left before it was accepted', async () => {
      const queue = new SocketQueue({ maxBytes: MAX_BYTES });
      const taken = queue.take();
      // The client's FIN and RST are already there when the server side is first looked at.
      const { client: closed, socket: closedSide } = await connect();
      closed.end();
      const { client: reset, socket: resetSide } = await connect();
      reset.resetAndDestroy();
      const { socket: present } = await connect();
      await eventually('both departures arrived', () => closed.writableFinished && reset.destroyed, 5_000, 5);
      await delay(50);
      for (const socket of [closedSide, resetSide, present]) queue.push(socket);
      expect((await taken)?.socket).toBe(present);
      expect(queue.abandoned).toBe(2);
    });

    it('hands a silent client that is still there to a waiting taker after one turn of the event loop', async () => {
      const queue = new SocketQueue({ maxBytes: MAX_BYTES });
      const taken = queue.take();
      const { socket } = await connect();
      queue.push(socket);
      const connection = await taken;
      expect(connection?.socket).toBe(socket);
      expect(connection?.preread).toBeUndefined();
    });

    it('holds at most about maxBytes of a waiting client, each byte once and in order; the kernel keeps the rest', async () => {
      const { queue, pairs } = await queueOf(1, { maxBytes: MAX_BYTES });
      const sent = Buffer.alloc(1 << 20);
      for (let i = 0; i < sent.length; i++) sent[i] = (i * 7 + (i >> 8)) & 0xff;
      pairs[0]!.client.write(sent);
      await delay(200);
      const taken = (await queue.take())!;
      const held = taken.preread?.length ?? 0;
      expect(held).toBeGreaterThanOrEqual(MAX_BYTES);
      // Past the bound, one read (64 KiB at most) and what Node's stream buffers.
      expect(held).toBeLessThanOrEqual(MAX_BYTES + 64 * 1024 + taken.socket.readableHighWaterMark);
      // Everything read from the kernel is held, once, in order: the socket's next byte is the client's next.
      expect(taken.socket.bytesRead).toBe(held);
      expect(taken.preread!.equals(sent.subarray(0, held))).toBe(true);
    });
  });
});
