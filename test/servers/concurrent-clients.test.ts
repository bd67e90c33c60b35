/** 50 clients at once each get exactly their own bytes back (sequential: one after another). */
import { describe, expect, it } from 'vitest';
import { echoOnce, randomPayload } from '../helpers/client.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';

const CLIENTS = 50;

describe.each(MODEL_IDS)(`%s with ${CLIENTS} concurrent clients`, (model) => {
  const server = sharedServer(model);

  it(`echoes each of ${CLIENTS} clients exactly`, async () => {
    const payloads = Array.from({ length: CLIENTS }, (_, i) => randomPayload(16 * 1024 + i));
    const echoed = await Promise.all(payloads.map((payload) => echoOnce(server().port, payload, 60_000)));
    echoed.forEach((bytes, i) => expect(bytes.equals(payloads[i]!), `client ${i}`).toBe(true));
  });
});
