/** Capped models (sequential; fork, worker and piscina with one slot) serve waiting connections in arrival order. */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { reportedStats } from '../helpers/server-state.js';
import { capFlag, sharedServer } from '../helpers/servers.js';

describe.each(['sequential', 'fork', 'worker', 'piscina'])('%s with one slot', (model) => {
  const server = sharedServer(model, { args: capFlag(model, 1) });

  it('serves the waiting clients first come, first served', async () => {
    const clients: EchoClient[] = [];
    try {
      for (const name of ['A', 'B', 'C', 'D']) {
        const client = await EchoClient.connect(server().port);
        clients.push(client);
        await client.send(name);
        // Wait until the server has it (served or queued), so arrival order is the order here.
        await eventually(`${name} accepted`, async () => {
          const stats = await reportedStats(server());
          return stats.connections + stats.waiting === clients.length;
        });
      }
      const servedOrder: string[] = [];
      for (const [i, client] of clients.entries()) {
        // Whoever is served next among those still waiting must be the earliest to arrive.
        const rest = clients.slice(i);
        const served = await Promise.race(rest.map((c) => c.waitFor(1, 30_000).then(() => c)));
        servedOrder.push(served.received().toString());
        expect(rest.filter((c) => c !== client && c.length > 0)).toEqual([]);
        client.end();
        await client.closed;
      }
      expect(servedOrder).toEqual(['A', 'B', 'C', 'D']);
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
