/**
 * hsha's bounded queue end to end: with one slow pool thread and --max-queue 2, clients that flood
 * the server fill the queue, and reading pauses instead of queueing more (the queue's peak, which
 * the server reports, is the bound and never above it); every byte still comes back, in order.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient, randomPayload } from '../helpers/client.js';
import { within } from '../helpers/poll.js';
import { reportedStats } from '../helpers/server-state.js';
import { sharedServer } from '../helpers/servers.js';

const MAX_QUEUE = 2;
const CLIENTS = 4;
const BYTES_EACH = 2 << 20;
/** A pool thread slow enough that chunks arrive faster than it serves them. */
const SLOW_POOL = ['--threads', '1', '--work-us', '2000', '--work-bytes', String(64 << 10)];

describe.each([['batched', []], ['a task per chunk', ['--max-batch', '1']]])('hsha with --max-queue %s, %s', (_, batching) => {
  const server = sharedServer('hsha', { args: [...SLOW_POOL, '--max-queue', String(MAX_QUEUE), ...batching] });

  it(`queues at most ${MAX_QUEUE} chunks while ${CLIENTS} clients flood it, and echoes every byte in order`, async () => {
    const payloads = Array.from({ length: CLIENTS }, () => randomPayload(BYTES_EACH));
    const clients = await Promise.all(payloads.map(() => EchoClient.connect(server().port)));
    try {
      for (const [i, client] of clients.entries()) client.socket.end(payloads[i]);
      await within('every echo and FIN', Promise.all(clients.map((client) => client.serverLeft)), 60_000);
      for (const [i, client] of clients.entries()) {
        expect(client.length, `bytes echoed to client ${i}`).toBe(BYTES_EACH);
        expect(client.received().equals(payloads[i]!), `client ${i}'s echo equals what it sent`).toBe(true);
      }
      const { queuePeak } = await reportedStats(server(), ['queuePeak']);
      expect(queuePeak, 'the most chunks queued at once').toBe(MAX_QUEUE);
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
