/**
 * Out of file descriptors: under `ulimit -n 256` (prlimit), 400 connections at once. The server
 * holds connections below the limit and drops the excess with a logged count (cluster: its
 * primary's accept loop is Node's own and drops them silently), caps hold, nothing crashes, and
 * once the flood has gone a new client is served.
 */
import { describe, expect, it } from 'vitest';
import { echoOnce, EchoClient } from '../helpers/client.js';
import { eventually, settled } from '../helpers/poll.js';
import { samplePeaks } from '../helpers/sampler.js';
import { capFlag, MODEL_IDS, sharedServer } from '../helpers/servers.js';
import { recordMeasurement } from '../helpers/measurements.js';

const FILE_LIMIT = 256;
const CONNECTIONS = 400;
const CAP = 8;

describe.each(MODEL_IDS)(`%s with ulimit -n ${FILE_LIMIT} and ${CONNECTIONS} connections`, (model) => {
  const server = sharedServer(model, { prefix: ['prlimit', `--nofile=${FILE_LIMIT}`, '--'], args: capFlag(model, CAP) });

  it('drops the excess, logs it, and serves again once the flood is gone', async () => {
    const peaks = samplePeaks(server().pid);
    const clients = await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        const client = await EchoClient.connect(server().port);
        client.socket.write('x');
        return client;
      }),
    );
    try {
      const closedByServer = () => clients.filter((c) => c.socket.readableEnded || c.socket.destroyed).length;
      await eventually('some connections closed by the server', () => closedByServer() > 0, 30_000);
      const dropped = await settled(closedByServer);
      if (model !== 'cluster') await eventually('a log line about the drop', () => /dropped \d+ connection/.test(server().stderr()), 5_000);
      expect(server().child.exitCode).toBeNull();
      peaks.stop();
      recordMeasurement('fd-limit', { model, nofile: FILE_LIMIT, connections: CONNECTIONS, 'closed-by-server': dropped, 'peak-processes': peaks.processes, 'peak-threads': peaks.threads });
      if (model === 'fork') expect(peaks.processes).toBeLessThanOrEqual(1 + CAP);
      if (model === 'worker') expect(peaks.threads).toBeLessThanOrEqual(peaks.baseline.threads + CAP);
    } finally {
      peaks.stop();
      for (const client of clients) client.destroy();
    }
    // Until the server has worked through the departed connections it still holds, a new client may
    // be dropped (it tries again) or queued behind them: capped models serve each queued one (fork
    // and worker start a child or thread for it, which finds its client gone), so one try may wait long.
    const message = 'after the flood';
    await eventually('a new client served', async () => (await echoOnce(server().port, Buffer.from(message), 80_000)).toString() === message, 90_000, 500);
  }, 180_000);
});
