/**
 * Clients that reset mid-message, again and again: the server keeps serving and holds on to no
 * connection, child process or thread afterwards (its stats and /proc agree).
 */
import { describe, expect, it } from 'vitest';
import { echoOnce, EchoClient, randomPayload } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { descendants, reportedStats, socketCount, threadCount } from '../helpers/server-state.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';
import { recordMeasurement } from '../helpers/measurements.js';

const ROUNDS = 10;
const PER_ROUND = 10;

/** Connect, start a 1 MiB message, and reset as soon as its echo has begun. */
async function resetMidMessage(port: number): Promise<void> {
  const client = await EchoClient.connect(port);
  client.socket.write(randomPayload(1 << 20));
  await client.waitFor(1, 30_000);
  client.reset();
}

describe.each(MODEL_IDS)('%s under repeated resets', (model) => {
  const server = sharedServer(model);

  it(`serves on and leaks nothing after ${ROUNDS * PER_ROUND} resets`, async () => {
    const idleThreads = threadCount(server().pid);
    const idleChildren = descendants(server().pid);
    const idleSockets = socketCount(server().pid);
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(Array.from({ length: PER_ROUND }, () => resetMidMessage(server().port)));
    }
    const payload = randomPayload(256 * 1024);
    expect((await echoOnce(server().port, payload)).equals(payload)).toBe(true);

    const stats = await eventually('every reset connection released', async () => {
      const now = await reportedStats(server());
      return now.connections === 0 && now.waiting === 0 && now;
    });
    // Per-connection children and threads are gone; cluster's workers are the same processes.
    await eventually('no extra child process', () => descendants(server().pid).join() === idleChildren.join());
    await eventually('no extra thread', () => threadCount(server().pid) === idleThreads);
    await eventually(`open sockets back to ${idleSockets}`, () => socketCount(server().pid) === idleSockets);
    recordMeasurement('resets', { model, resets: ROUNDS * PER_ROUND, stats: JSON.stringify(stats), threads: threadCount(server().pid), children: descendants(server().pid).length });
  });
});
