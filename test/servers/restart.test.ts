/** A stopped server's port can be taken again at once (TIME_WAIT connections do not block it). */
import { afterAll, describe, expect, it } from 'vitest';
import { echoOnce } from '../helpers/client.js';
import { MODEL_IDS, serverPool } from '../helpers/servers.js';

describe.each(MODEL_IDS)('%s restarted on the same port', (model) => {
  const pool = serverPool();
  afterAll(() => pool.cleanup());

  it('listens again right after a stop', async () => {
    const first = await pool.start(model);
    expect((await echoOnce(first.port, Buffer.from('before'))).toString()).toBe('before');
    expect(await first.stop()).toEqual({ code: 0, signal: null });

    const second = await pool.start(model, { args: ['--port', String(first.port)] });
    expect(second.port).toBe(first.port);
    expect((await echoOnce(second.port, Buffer.from('after'))).toString()).toBe('after');
  });
});
