/** RFC 862: every byte back, unchanged and in order, binary-safe, whatever the size. */
import { describe, expect, it } from 'vitest';
import { allByteValues, echoOnce, randomPayload } from '../helpers/client.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';

describe.each(MODEL_IDS)('%s echoes exactly', (model) => {
  const server = sharedServer(model);

  it('all 256 byte values, NUL included', async () => {
    const payload = allByteValues();
    expect((await echoOnce(server().port, payload)).equals(payload)).toBe(true);
  });

  it('8 MiB sent in one write', async () => {
    const payload = randomPayload(8 << 20);
    const echoed = await echoOnce(server().port, payload);
    expect(echoed.length).toBe(payload.length);
    expect(echoed.equals(payload)).toBe(true);
  });
});
