/**
 * piscina: a fixed pool whose tasks are connections. With K connections per thread, threads × K
 * clients are served at once, on the pool's threads only (no thread per connection).
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { threadCount } from '../helpers/server-state.js';
import { sharedServer } from '../helpers/servers.js';

describe('piscina with 2 threads and 4 connections per thread', () => {
  const server = sharedServer('piscina', { args: ['--threads', '2', '--conns-per-thread', '4'] });

  it('serves eight clients at once on its two threads, and queues a ninth', async () => {
    const idleThreads = threadCount(server().pid);
    const clients = await Promise.all(Array.from({ length: 9 }, () => EchoClient.connect(server().port)));
    try {
      // Each client sends its own text: an echo is tied to its sender. Which client the pool queues is
      // the accept order's choice, so the queued one is found as the one left unanswered.
      const texts = clients.map((_, i) => `client ${i}`);
      for (const [i, client] of clients.entries()) await client.send(texts[i]!);
      const answered = await firstAnswers(clients, 8);
      for (const i of answered) expect(clients[i]!.received().toString()).toBe(texts[i]);
      const queued = clients.findIndex((_, i) => !answered.includes(i));
      expect(clients[queued]!.length).toBe(0);
      expect(await server().stats()).toMatchObject({ connections: 8, waiting: 1, threads: 2 });
      expect(threadCount(server().pid)).toBe(idleThreads);
      clients[answered[0]!]!.end();
      expect((await clients[queued]!.waitFor(8)).toString()).toBe(texts[queued]);
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});

/** The indexes of the first `n` clients whose whole echo (8 bytes) came back, in the order they came. */
function firstAnswers(clients: readonly EchoClient[], n: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const done: number[] = [];
    clients.forEach((client, i) =>
      client.waitFor(8).then(() => {
        done.push(i);
        if (done.length === n) resolve([...done]);
      }, (error: unknown) => (done.length < n ? undefined : reject(error))),
    );
  });
}
