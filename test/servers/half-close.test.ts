/** A client that half-closes gets every remaining byte, then the server's FIN, and a clean close. */
import { describe, expect, it } from 'vitest';
import { EchoClient, randomPayload } from '../helpers/client.js';
import { within } from '../helpers/poll.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';

describe.each(MODEL_IDS)('%s after the client half-closes', (model) => {
  const server = sharedServer(model);

  it('sends every remaining byte, then its FIN', async () => {
    const payload = randomPayload(2 << 20);
    const client = await EchoClient.connect(server().port);
    try {
      // Our FIN goes out right behind 2 MiB: most of the echo is still to come when the server sees it.
      client.socket.end(payload);
      await within('the server FIN', client.ended, 30_000);
      expect(client.received().equals(payload)).toBe(true);
      expect(await within('close', client.closed, 10_000)).toEqual({ hadError: false });
    } finally {
      client.destroy();
    }
  });
});
