/**
 * worker: the thread owns its connection. The main thread only accepts and hands the socket over
 * (it reads none of the bytes: hsha, whose main thread does the I/O, shows the counter moving),
 * and there is one thread per live connection, gone when its client leaves.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient, echoOnce, randomPayload } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { threadCount } from '../helpers/server-state.js';
import { sharedServer } from '../helpers/servers.js';

const PAYLOAD_BYTES = 4 << 20;

describe.each([
  ['worker', 0],
  ['piscina', 0],
  ['hsha', PAYLOAD_BYTES],
])('%s: bytes the accepting thread reads itself', (model, expected) => {
  const server = sharedServer(model);

  it(`is ${expected === 0 ? 'none' : 'every byte'} after ${PAYLOAD_BYTES >> 20} MiB echoed`, async () => {
    const payload = randomPayload(PAYLOAD_BYTES);
    expect((await echoOnce(server().port, payload)).equals(payload)).toBe(true);
    expect((await server().stats()).acceptorBytesRead).toBe(expected);
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
