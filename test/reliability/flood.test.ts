/**
 * 2,000 connections at once. Models that serve everyone at once (hsha, event-loop, cluster,
 * reuseport) echo every one exactly. Capped models hold their cap (sequential 1, fork and worker
 * their default 64, piscina its threads × connections per thread), queue the rest unread, and move on to a queued one when a served client leaves.
 * Nothing crashes, memory stays within what the cap allows, and SIGTERM still ends it all cleanly.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { eventually, within } from '../helpers/poll.js';
import { mib, MiB, samplePeaks } from '../helpers/sampler.js';
import { descendants, stillAlive } from '../helpers/server-state.js';
import { MODEL_IDS, sharedServer, type ServerProcess } from '../helpers/servers.js';
import { MODEL_DEFAULTS as DEFAULTS } from '../../src/models/options.js';
import { recordMeasurement } from '../helpers/measurements.js';

const FLOOD = 2000;
/** How many connections each model serves at once by default; the others queue. */
const CAP: Partial<Record<string, number>> = {
  sequential: 1,
  fork: DEFAULTS.maxChildren,
  worker: DEFAULTS.maxWorkers,
  piscina: DEFAULTS.threads * DEFAULTS.connsPerThread,
};
/** Peak growth of the whole process tree allowed: per served connection, and in all. */
const GROWTH_BOUND: Record<string, number> = {
  sequential: 128 * MiB,
  fork: DEFAULTS.maxChildren * 80 * MiB, // a Node child is ~45 MiB
  worker: DEFAULTS.maxWorkers * 16 * MiB, // a worker thread's isolate is ~9 MiB
  piscina: 256 * MiB,
  hsha: 256 * MiB,
  'event-loop': 256 * MiB,
  cluster: 256 * MiB,
  reuseport: 256 * MiB,
};

function connectAll(server: ServerProcess): Promise<EchoClient[]> {
  return Promise.all(Array.from({ length: FLOOD }, () => EchoClient.connect(server.port)));
}

describe.each(MODEL_IDS)(`%s flooded with ${FLOOD} connections`, (model) => {
  // A short grace: the flood's clients are still connected when SIGTERM comes.
  const server = sharedServer(model, { args: ['--grace', '1'] });
  const cap = CAP[model];

  it('holds its cap and bound, and keeps serving', async () => {
    const peaks = samplePeaks(server().pid);
    const clients = await connectAll(server());
    try {
      const messages = clients.map((_, i) => `message ${i} `.repeat(8));
      for (const [i, client] of clients.entries()) client.socket.write(messages[i]!);
      if (cap === undefined) {
        // Everyone is served at once: each gets exactly its own bytes back.
        await Promise.all(clients.map((client, i) => client.waitFor(messages[i]!.length, 60_000)));
        clients.forEach((client, i) => expect(client.received().toString()).toBe(messages[i]));
      } else {
        // `cap` clients are served; all the others are accepted and wait, unread.
        await eventually(`${cap} clients served`, () => clients.filter((c) => c.length > 0).length === cap, 60_000);
        const stats = await eventually(`${FLOOD - cap} waiting`, async () => {
          const now = await server().stats();
          return now.waiting === FLOOD - cap && now;
        });
        expect(stats.connections).toBe(cap);
        // A served client leaves: a waiting one takes its place.
        const served = clients.filter((c) => c.length > 0);
        served[0]!.end();
        await eventually('a queued client served', () => clients.filter((c) => c.length > 0).length === cap + 1, 30_000);
      }
      peaks.stop();
      const growth = peaks.rssBytes - peaks.baseline.rssBytes;
      recordMeasurement('flood', {
        model,
        connections: FLOOD,
        cap: cap ?? 'none',
        'peak-processes': peaks.processes,
        'peak-threads': peaks.threads,
        'rss-growth': mib(growth),
        bound: mib(GROWTH_BOUND[model]!),
      });
      expect(growth).toBeLessThan(GROWTH_BOUND[model]!);
      if (model === 'fork') expect(peaks.processes).toBeLessThanOrEqual(1 + cap!);
      if (model === 'worker') expect(peaks.threads).toBeLessThanOrEqual(peaks.baseline.threads + cap!);
    } finally {
      peaks.stop();
      for (const client of clients) client.destroy();
    }
  });

  it('still ends cleanly on SIGTERM', async () => {
    const clients = await connectAll(server());
    const tree = [server().pid, ...descendants(server().pid)];
    process.kill(server().pid, 'SIGTERM');
    // Connections still open when the 1 s grace ends are closed.
    expect(await within('exit after SIGTERM', server().exited, 30_000)).toEqual({ code: 0, signal: null });
    await eventually('every process gone', () => stillAlive(tree).length === 0, 2_000);
    for (const client of clients) client.destroy();
  });
});
