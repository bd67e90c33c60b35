/**
 * Stopping leaves nothing behind: a closed connection frees its child or thread at once, and
 * SIGTERM ends the server with exit code 0 and every process it started gone (checked in /proc).
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually, within } from '../helpers/poll.js';
import { descendants, stillAlive, threadCount } from '../helpers/server-state.js';
import { MODEL_IDS, sharedServer, type ModelId } from '../helpers/servers.js';

/** What a model starts for each connection it serves; the others start nothing per connection. */
const PER_CONNECTION: Partial<Record<ModelId, 'child' | 'thread'>> = { fork: 'child', worker: 'thread' };
/** Child processes a model keeps whether or not it serves anyone. */
const FIXED_CHILDREN: Partial<Record<ModelId, number>> = { cluster: 2 };
const MODEL_ARGS: Partial<Record<ModelId, string[]>> = {
  // piscina serves threads × K connections at once: three threads, so it serves three like the others.
  piscina: ['--threads', '3'],
  cluster: ['--workers', String(FIXED_CHILDREN.cluster)],
};

describe.each(MODEL_IDS)('%s stopping', (model) => {
  const server = sharedServer(model, { args: ['--grace', '1', ...(MODEL_ARGS[model] ?? [])] });
  const fixedChildren = FIXED_CHILDREN[model] ?? 0;

  it('frees a connection’s child or thread when the connection closes', async () => {
    const idleThreads = threadCount(server().pid);
    const idleChildren = descendants(server().pid);
    expect(idleChildren, 'children while idle').toHaveLength(fixedChildren);
    // sequential serves one connection at a time; the others serve three at once.
    const count = model === 'sequential' ? 1 : 3;
    const clients = await Promise.all(Array.from({ length: count }, () => EchoClient.connect(server().port)));
    for (const client of clients) await client.send('hello');
    for (const client of clients) await client.waitFor(5);

    // While serving: a child or thread per connection where the model makes one, nothing more elsewhere.
    const busyChildren = descendants(server().pid);
    const busyThreads = threadCount(server().pid);
    expect(busyChildren, 'children while serving').toHaveLength(fixedChildren + (PER_CONNECTION[model] === 'child' ? count : 0));
    expect(busyChildren, 'the fixed children stay the same').toEqual(expect.arrayContaining(idleChildren));
    // A worker thread is one OS thread at least.
    if (PER_CONNECTION[model] === 'thread') expect(busyThreads, 'threads while serving').toBeGreaterThanOrEqual(idleThreads + count);
    else expect(busyThreads, 'threads while serving').toBe(idleThreads);

    for (const client of clients) client.end();
    await Promise.all(clients.map((client) => client.closed));
    // Per-connection children and threads are gone; cluster's fixed workers and the pools' and reuseport's fixed threads stay.
    await eventually('children of closed connections gone', () => stillAlive(busyChildren).join() === idleChildren.join());
    await eventually(`thread count back to ${idleThreads}`, () => threadCount(server().pid) === idleThreads);
  });

  it('exits 0 on SIGTERM with no process or thread left behind', async () => {
    const client = await EchoClient.connect(server().port);
    await client.send('still here');
    await client.waitFor(10);
    const children = descendants(server().pid);
    expect(children, 'children while serving').toHaveLength(fixedChildren + (PER_CONNECTION[model] === 'child' ? 1 : 0));
    const tree = [server().pid, ...children];

    // The connection stays open: the server closes it when the 1 s grace period ends.
    process.kill(server().pid, 'SIGTERM');
    expect(await within('the server to exit', server().exited, 15_000)).toEqual({ code: 0, signal: null });
    await within('the held connection closed by the server', client.serverLeft, 5_000);
    await eventually('every process of the server gone', () => stillAlive(tree).length === 0, 2_000);
  });
});
