/** sequential: a second client is accepted and waits, unserved and unrejected, until the first leaves. */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { sharedServer } from '../helpers/servers.js';

describe('sequential with two clients', () => {
  const server = sharedServer('sequential');

  it('serves the second only once the first has left', async () => {
    const first = await EchoClient.connect(server().port);
    const second = await EchoClient.connect(server().port);
    try {
      await first.send('first');
      await first.waitFor(5);
      await second.send('second');
      // Connected, not rejected, and not served while the first client stays.
      expect(await second.bytesDuring(700)).toBe(0);
      expect(second.socket.destroyed).toBe(false);
      expect(second.error).toBeUndefined();
      // The log says a client started to wait, when it did (before any echo to it).
      await eventually('the log line of the waiting client', () => /info +sequential\[\d+\] wait 127\.0\.0\.1:\d+: accepted, not served until 127\.0\.0\.1:\d+ leaves \(1 waiting\)/.test(server().stderr()));

      first.end();
      await first.closed;
      expect((await second.waitFor(6)).toString()).toBe('second');
    } finally {
      first.destroy();
      second.destroy();
    }
  });
});
