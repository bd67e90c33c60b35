/**
 * cluster's stats path: each worker tells the primary its live connections as they change, and the
 * counts the harness reads (serve's control channel) add up to the connections the test holds open.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { reportedStats } from '../helpers/server-state.js';
import { sharedServer } from '../helpers/servers.js';

const CLIENTS = 6;

describe('cluster with 2 workers', () => {
  const server = sharedServer('cluster', { args: ['--workers', '2'] });
  const connectionsReach = (count: number) =>
    eventually(`the stats to count ${count} connections`, async () => (await reportedStats(server(), ['children'])).connections === count);

  it('reports the connections its workers serve, as they open and close', async () => {
    expect(await reportedStats(server(), ['children'])).toMatchObject({ connections: 0, children: 2, queues: false, waiting: 0 });
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => EchoClient.connect(server().port)));
    try {
      for (const [i, client] of clients.entries()) await client.send(`client ${i}`);
      for (const [i, client] of clients.entries()) expect((await client.waitFor(8)).toString()).toBe(`client ${i}`);
      await connectionsReach(CLIENTS);
      for (const client of clients.slice(0, 2)) client.destroy();
      await connectionsReach(CLIENTS - 2);
    } finally {
      for (const client of clients) client.destroy();
    }
    await connectionsReach(0);
    expect((await reportedStats(server(), ['children'])).children).toBe(2);
  });
});
