/** fork, worker and piscina (K = 1): at most N children or threads; a connection over the cap waits, unanswered and unrejected, and is served later. */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { descendants, threadCount } from '../helpers/server-state.js';
import { capFlag, sharedServer } from '../helpers/servers.js';

const CAP = 2;

describe.each(['fork', 'worker', 'piscina'])(`%s capped at ${CAP}`, (model) => {
  const server = sharedServer(model, { args: capFlag(model, CAP) });

  it('holds the third connection until one leaves, then serves it', async () => {
    const idleThreads = threadCount(server().pid);
    const clients = await Promise.all([0, 1, 2].map(() => EchoClient.connect(server().port)));
    try {
      for (const [i, client] of clients.entries()) await client.send(`client ${i}`);
      await clients[0]!.waitFor(8);
      await clients[1]!.waitFor(8);
      expect(await clients[2]!.bytesDuring(700)).toBe(0);
      expect(clients[2]!.socket.destroyed).toBe(false);

      const stats = await server().stats();
      expect(stats).toMatchObject({ connections: CAP, waiting: 1 });
      if (model === 'fork') expect(descendants(server().pid)).toHaveLength(CAP);
      // One OS thread per worker thread at least; the third connection has none yet.
      if (model === 'worker') expect(threadCount(server().pid)).toBeGreaterThanOrEqual(idleThreads + CAP);
      // The pool's threads exist from the start; the third connection gets none of its own.
      if (model === 'piscina') expect(threadCount(server().pid)).toBe(idleThreads);

      clients[0]!.end();
      await clients[0]!.closed;
      expect((await clients[2]!.waitFor(8)).toString()).toBe('client 2');
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
