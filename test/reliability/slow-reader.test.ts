/**
 * A client that sends 256 MiB and never reads: backpressure through every hop must stop the
 * server from taking more than a few socket buffers' worth, so its memory stays bounded; the
 * other clients keep being served (sequential by design serves nobody else meanwhile).
 */
import { describe, expect, it } from 'vitest';
import { echoOnce, EchoClient, pushWithoutReading } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { mib, MiB, samplePeaks } from '../helpers/sampler.js';
import { reportedStats } from '../helpers/server-state.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';
import { recordMeasurement } from '../helpers/measurements.js';

const SEND_BYTES = 256 * MiB;
/** Peak growth of the server's whole process tree allowed while the slow reader is stuck. */
const GROWTH_BOUND = 32 * MiB;

describe.each(MODEL_IDS)('%s with a client that never reads', (model) => {
  const server = sharedServer(model);

  it(`stays within ${mib(GROWTH_BOUND)} of growth and keeps serving others`, async () => {
    const slow = await EchoClient.connect(server().port);
    try {
      // Let the connection get its child or thread before the baseline is taken.
      await slow.send('start');
      await slow.waitFor(5);
      await eventually('the connection being served', async () => (await reportedStats(server())).connections === 1);
      const peaks = samplePeaks(server().pid);
      const accepted = await pushWithoutReading(slow, SEND_BYTES);
      peaks.stop();
      const growth = peaks.rssBytes - peaks.baseline.rssBytes;
      recordMeasurement('slow-reader', { model, sent: mib(accepted), of: mib(SEND_BYTES), 'rss-growth': mib(growth), bound: mib(GROWTH_BOUND) });
      expect(accepted).toBeLessThan(SEND_BYTES);
      expect(growth).toBeLessThan(GROWTH_BOUND);

      const other = echoOnce(server().port, Buffer.from('someone else'));
      if (model === 'sequential') {
        // By design: the next client waits until the current one leaves.
        const waiting = await EchoClient.connect(server().port);
        await waiting.send('next');
        expect(await waiting.bytesDuring(500)).toBe(0);
        slow.destroy();
        expect((await waiting.waitFor(4)).toString()).toBe('next');
        waiting.destroy();
      }
      expect((await other).toString()).toBe('someone else');
    } finally {
      slow.destroy();
    }
  });
});
