/**
 * fork watches its queue: a waiting client that leaves (closes having sent nothing, or resets) is
 * dropped there and never costs a process; a waiting client that sent bytes, even past what the
 * parent holds while watching, and half-closed gets every byte back, in order, when its turn comes.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient, randomPayload } from '../helpers/client.js';
import { eventually, within } from '../helpers/poll.js';
import { descendants } from '../helpers/server-state.js';
import { sharedServer } from '../helpers/servers.js';

const LEAVERS = 20;

describe('fork with one child slot', () => {
  const server = sharedServer('fork', { args: ['--max-children', '1'] });

  it('drops waiting clients that left, and echoes the bytes of those that stay', async () => {
    const busy = await EchoClient.connect(server().port);
    await busy.send('busy');
    await busy.waitFor(4);
    const before = (await server().stats()).abandoned ?? -1;

    // Waiting clients that leave: half by FIN with nothing sent, half by reset.
    const leavers = await Promise.all(Array.from({ length: LEAVERS }, () => EchoClient.connect(server().port)));
    leavers.forEach((client, i) => (i % 2 === 0 ? client.end() : client.reset()));
    // Waiting clients that stay: one sends more than the parent holds per connection and half-closes.
    const small = await EchoClient.connect(server().port);
    await small.send('sent while waiting');
    const big = await EchoClient.connect(server().port);
    const bigPayload = randomPayload(200 * 1024);
    big.socket.end(bigPayload);

    try {
      const stats = await eventually(`${LEAVERS} dropped`, async () => {
        const now = await server().stats();
        return now.abandoned === before + LEAVERS && now;
      });
      expect(stats).toMatchObject({ connections: 1, waiting: 2 });
      expect(descendants(server().pid)).toHaveLength(1);

      busy.end();
      expect((await small.waitFor(18, 30_000)).toString()).toBe('sent while waiting');
      small.end();
      await within('the big client echoed and ended', big.serverLeft, 30_000);
      expect(big.length).toBe(bigPayload.length);
      expect(big.received().equals(bigPayload)).toBe(true);
    } finally {
      for (const client of [busy, small, big, ...leavers]) client.destroy();
    }
  });
});
