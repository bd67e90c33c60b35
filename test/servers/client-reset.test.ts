/** A client that resets mid-stream ends only its own connection: the server keeps serving and frees it. */
import { describe, expect, it } from 'vitest';
import { echoOnce, EchoClient, randomPayload } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { reportedStats } from '../helpers/server-state.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';

describe.each(MODEL_IDS)('%s when a client resets mid-stream', (model) => {
  const server = sharedServer(model);

  it('keeps serving other clients and lets go of the reset one', async () => {
    const client = await EchoClient.connect(server().port);
    client.socket.write(randomPayload(4 << 20));
    await client.waitFor(64 * 1024); // the echo is flowing: reset in the middle of it
    client.reset();

    const payload = randomPayload(100_000);
    expect((await echoOnce(server().port, payload)).equals(payload)).toBe(true);
    // No connection, child or thread is held for the reset client.
    await eventually('no live connection left', async () => {
      const stats = await reportedStats(server(), model === 'fork' ? ['children'] : []);
      return stats.connections === 0 && (model !== 'fork' || stats.children === 0);
    });
  });
});
