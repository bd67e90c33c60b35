/**
 * worker: the thread owns its connection. The main thread only accepts, vets and hands the socket
 * over (it reads at most the one byte its vetting takes: hsha, whose main thread does the I/O, shows
 * the counter moving),
 * and there is one thread per live connection, gone when its client leaves; with a thread cache,
 * up to that many stay to serve the next connections.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient, echoOnce, randomPayload } from '../helpers/client.js';
import { eventually, settled } from '../helpers/poll.js';
import { threadCount } from '../helpers/server-state.js';
import { sharedServer } from '../helpers/servers.js';

const PAYLOAD_BYTES = 4 << 20;

describe.each([
  // worker's vetting reads the first byte if it has arrived by the connection's turn.
  { model: 'worker', least: 0, most: 1, reads: 'at most one byte' },
  { model: 'piscina', least: 0, most: 0, reads: 'none' },
  { model: 'hsha', least: PAYLOAD_BYTES, most: PAYLOAD_BYTES, reads: 'every byte' },
])('$model: bytes the accepting thread reads itself', ({ model, least, most, reads }) => {
  const server = sharedServer(model);

  it(`is ${reads} after ${PAYLOAD_BYTES >> 20} MiB echoed`, async () => {
    const payload = randomPayload(PAYLOAD_BYTES);
    expect((await echoOnce(server().port, payload)).equals(payload)).toBe(true);
    const { acceptorBytesRead } = await server().stats();
    expect(acceptorBytesRead).toBeGreaterThanOrEqual(least);
    expect(acceptorBytesRead).toBeLessThanOrEqual(most);
  });
});

describe('worker: one thread per live connection', () => {
  const server = sharedServer('worker');

  it('starts a thread for each connection and ends it when its client leaves', async () => {
    const idleThreads = threadCount(server().pid);
    const clients = await Promise.all([0, 1, 2].map(() => EchoClient.connect(server().port)));
    try {
      for (const client of clients) await client.send('hello');
      for (const client of clients) await client.waitFor(5);
      expect(await server().stats()).toMatchObject({ connections: 3, threads: 3, waiting: 0 });
      expect(threadCount(server().pid)).toBeGreaterThanOrEqual(idleThreads + 3);
      clients[0]!.end();
      await clients[0]!.closed;
      await eventually('two threads left', async () => (await server().stats()).threads === 2);
    } finally {
      for (const client of clients) client.destroy();
    }
    await eventually('no thread left', async () => (await server().stats()).threads === 0);
    await eventually(`OS threads back to ${idleThreads}`, () => threadCount(server().pid) === idleThreads);
  });
});

describe('worker --thread-cache 2: threads whose connection ended wait for the next', () => {
  const server = sharedServer('worker', { args: ['--thread-cache', '2'] });

  it('keeps two threads after three connections end, and serves the next two in them', async () => {
    const idleThreads = threadCount(server().pid);
    const first = await Promise.all([0, 1, 2].map(() => EchoClient.connect(server().port)));
    for (const client of first) await client.send('hello');
    for (const client of first) await client.waitFor(5);
    expect(await server().stats()).toMatchObject({ connections: 3, threads: 3 });
    for (const client of first) client.destroy();
    await eventually('two threads cached, one exited', async () => {
      const now = await server().stats();
      return now.connections === 0 && now.threads === 2;
    });
    // The exited thread's OS threads go; the two cached ones' stay.
    const withCache = await settled(() => threadCount(server().pid));
    expect(withCache).toBeGreaterThan(idleThreads);

    const next = await Promise.all([0, 1].map(() => EchoClient.connect(server().port)));
    try {
      for (const client of next) await client.send('again');
      for (const client of next) await client.waitFor(5);
      // Served by the cached threads: none started.
      expect(await server().stats()).toMatchObject({ connections: 2, threads: 2 });
      expect(threadCount(server().pid)).toBe(withCache);
    } finally {
      for (const client of next) client.destroy();
    }
  });
});
