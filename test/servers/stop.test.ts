/**
 * Stopping leaves nothing behind: a closed connection frees its child or thread at once, and
 * SIGTERM ends the server with exit code 0 and every process it started gone (checked in /proc).
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually, within } from '../helpers/poll.js';
import { descendants, stillAlive, threadCount } from '../helpers/server-state.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';

describe.each(MODEL_IDS)('%s stopping', (model) => {
  // piscina serves threads × K connections at once: three threads, so it serves three like the others.
  const server = sharedServer(model, { args: ['--grace', '1', ...(model === 'piscina' ? ['--threads', '3'] : [])] });

  it('frees a connection’s child or thread when the connection closes', async () => {
    const idleThreads = threadCount(server().pid);
    const idleChildren = descendants(server().pid);
    // sequential serves one connection at a time; the others serve three at once.
    const count = model === 'sequential' ? 1 : 3;
    const clients = await Promise.all(Array.from({ length: count }, () => EchoClient.connect(server().port)));
    for (const client of clients) await client.send('hello');
    for (const client of clients) await client.waitFor(5);
    const busyChildren = descendants(server().pid);
    if (model === 'fork') expect(busyChildren.length).toBe(count);

    for (const client of clients) client.end();
    await Promise.all(clients.map((client) => client.closed));
    // Per-connection children are gone; cluster's fixed workers and the pools' and reuseport's fixed threads stay.
    await eventually('children of closed connections gone', () => stillAlive(busyChildren).length === idleChildren.length);
    await eventually(`thread count back to ${idleThreads}`, () => threadCount(server().pid) === idleThreads);
  });

  it('exits 0 on SIGTERM with no process or thread left behind', async () => {
    const client = await EchoClient.connect(server().port);
    await client.send('still here');
    await client.waitFor(10);
    const tree = [server().pid, ...descendants(server().pid)];

    // The connection stays open: the server closes it when the 1 s grace period ends.
    process.kill(server().pid, 'SIGTERM');
    expect(await within('the server to exit', server().exited, 15_000)).toEqual({ code: 0, signal: null });
    await within('the held connection closed by the server', client.serverLeft, 5_000);
    await eventually('every process of the server gone', () => stillAlive(tree).length === 0, 2_000);
  });
});
