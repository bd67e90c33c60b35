/** reuseport: every thread listens on the same port, and the kernel spreads connections over them. */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { sharedServer } from '../helpers/servers.js';

const CLIENTS = 16;

describe('reuseport with 2 threads', () => {
  const server = sharedServer('reuseport', { args: ['--threads', '2'] });

  it(`lands ${CLIENTS} connections on both threads, each echoing its own bytes`, async () => {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => EchoClient.connect(server().port)));
    try {
      for (const [i, client] of clients.entries()) await client.send(`client ${String(i).padStart(2, '0')}`);
      for (const [i, client] of clients.entries()) expect((await client.waitFor(9)).toString()).toBe(`client ${String(i).padStart(2, '0')}`);
      const stats = await server().stats();
      expect(stats).toMatchObject({ connections: CLIENTS, threads: 2 });
      // The kernel hashes each connection's addresses and ports: all 16 on one thread has odds 2^-15.
      expect(stats.acceptedPerThread).toHaveLength(2);
      expect(stats.acceptedPerThread!.every((accepted) => accepted > 0), JSON.stringify(stats.acceptedPerThread)).toBe(true);
      expect(stats.acceptedPerThread!.reduce((a, b) => a + b, 0)).toBe(CLIENTS);
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
