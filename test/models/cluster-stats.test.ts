/**
 * cluster's stats path: each worker tells the primary its live connections as they change, and the
 * counts the harness reads (serve's control channel) add up to the connections the test holds open.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { connectionOwner } from '../helpers/connection-owner.js';
import { eventually } from '../helpers/poll.js';
import { descendants, reportedStats } from '../helpers/server-state.js';
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

  it('drops the count of a worker that dies, and counts its replacement', async () => {
    const workers = descendants(server().pid);
    expect(workers).toHaveLength(2);
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => EchoClient.connect(server().port)));
    try {
      for (const client of clients) await client.send('hello');
      for (const client of clients) await client.waitFor(5);
      await connectionsReach(CLIENTS);
      const owners = clients.map((client) => connectionOwner(server().port, client.socket.localPort!, workers));
      const [victim, survivor] = workers as [number, number];
      const onSurvivor = owners.filter((owner) => owner === survivor).length;
      expect(owners.filter((owner) => owner === victim).length + onSurvivor, 'every connection on one of the workers').toBe(CLIENTS);
      process.kill(victim, 'SIGKILL');
      await connectionsReach(onSurvivor);
      await eventually('a replacement worker counted', async () => (await reportedStats(server(), ['children'])).children === 2 && !descendants(server().pid).includes(victim));
      const late = await EchoClient.connect(server().port);
      clients.push(late);
      await late.send('late');
      await late.waitFor(4);
      await connectionsReach(onSurvivor + 1);
    } finally {
      for (const client of clients) client.destroy();
    }
    await connectionsReach(0);
  });
});
