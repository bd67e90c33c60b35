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
      for (const [i, client] of clients.entries()) await client.send(`client ${i}`);
      // Eight answered while all nine stay connected; the ninth waits.
      for (const client of clients.slice(0, 8)) expect((await client.waitFor(8)).toString()).toMatch(/^client \d$/);
      expect(await clients[8]!.bytesDuring(500)).toBe(0);
      expect(await server().stats()).toMatchObject({ connections: 8, waiting: 1, threads: 2 });
      expect(threadCount(server().pid)).toBe(idleThreads);
      clients[0]!.end();
      expect((await clients[8]!.waitFor(8)).toString()).toBe('client 8');
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
