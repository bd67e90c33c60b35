/**
 * worker vets each waiting connection when its turn comes: a client that left (closed having sent
 * nothing, or reset) is dropped then and never gets a thread; a client that sent bytes, even far
 * more than the one byte the vetting reads, and half-closed gets every byte back, in order.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually, within } from '../helpers/poll.js';
import { sharedServer } from '../helpers/servers.js';
import { LEAVERS, SMALL_MESSAGE, waitingClients } from '../helpers/waiting-clients.js';

describe('worker with one thread slot', () => {
  const server = sharedServer('worker', { args: ['--max-workers', '1'] });

  it('drops waiting clients that left at their turn, and echoes the bytes of those that stay', async () => {
    const busy = await EchoClient.connect(server().port);
    // Handed to its thread before it sends: its vetting then finds nothing to read (a byte sent first would be read and counted).
    await eventually('the busy client in its thread', async () => (await server().stats()).connections === 1);
    await busy.send('busy');
    await busy.waitFor(4);
    const waiting = await waitingClients(server().port);
    const { small, big, bigPayload, halfClosed } = waiting;

    try {
      await eventually('every client waiting', async () => (await server().stats()).waiting === LEAVERS + 3);
      busy.end();
      expect((await small.waitFor(SMALL_MESSAGE.length, 30_000)).toString()).toBe(SMALL_MESSAGE);
      // Its turn came after every leaver's: each was dropped, none served in a thread.
      expect(await server().stats()).toMatchObject({ abandoned: LEAVERS, connections: 1, threads: 1 });
      small.end();
      await within('the big client echoed and ended', big.serverLeft, 30_000);
      expect(big.received().equals(bigPayload)).toBe(true);
      await within('the half-closed client echoed and ended', halfClosed.serverLeft, 30_000);
      expect(halfClosed.received().toString()).toBe('x');
      // The main thread read one byte of each client that had sent some by its turn, no more.
      expect((await server().stats()).acceptorBytesRead).toBe(3);
    } finally {
      for (const client of [busy, ...waiting.all()]) client.destroy();
    }
  });
});
