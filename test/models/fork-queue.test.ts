/**
 * fork watches its queue: a waiting client that leaves (closes having sent nothing, or resets) is
 * dropped there and never costs a process; a waiting client that sent bytes, even past what the
 * parent holds while watching, and half-closed gets every byte back, in order, when its turn comes.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually, within } from '../helpers/poll.js';
import { descendants } from '../helpers/server-state.js';
import { sharedServer } from '../helpers/servers.js';
import { LEAVERS, SMALL_MESSAGE, waitingClients } from '../helpers/waiting-clients.js';

describe('fork with one child slot', () => {
  const server = sharedServer('fork', { args: ['--max-children', '1'] });

  it('drops waiting clients that left, and echoes the bytes of those that stay', async () => {
    const busy = await EchoClient.connect(server().port);
    await busy.send('busy');
    await busy.waitFor(4);
    const before = (await server().stats()).abandoned ?? -1;
    const waiting = await waitingClients(server().port);
    const { small, big, bigPayload, halfClosed } = waiting;

    try {
      // The last of the three that stay may reach the queue after the leavers are dropped: wait for both.
      const stats = await eventually(`${LEAVERS} dropped and 3 waiting`, async () => {
        const now = await server().stats();
        return now.abandoned === before + LEAVERS && now.waiting === 3 && now;
      });
      expect(stats).toMatchObject({ connections: 1, waiting: 3, abandoned: before + LEAVERS });
      expect(descendants(server().pid)).toHaveLength(1);

      busy.end();
      expect((await small.waitFor(SMALL_MESSAGE.length, 30_000)).toString()).toBe(SMALL_MESSAGE);
      small.end();
      await within('the big client echoed and ended', big.serverLeft, 30_000);
      expect(big.length).toBe(bigPayload.length);
      expect(big.received().equals(bigPayload)).toBe(true);
      await within('the half-closed client echoed and ended', halfClosed.serverLeft, 30_000);
      expect(halfClosed.received().toString()).toBe('x');
    } finally {
      for (const client of [busy, ...waiting.all()]) client.destroy();
    }
  });
});
