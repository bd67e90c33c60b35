/**
 * --idle-timeout S closes a connection that sends nothing for S seconds (off by default), so an
 * idle client cannot hold the sequential server, or a fork child or worker thread, forever.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient } from '../helpers/client.js';
import { within } from '../helpers/poll.js';
import { MODEL_IDS, sharedServer } from '../helpers/servers.js';

describe.each(MODEL_IDS)('%s with --idle-timeout 1', (model) => {
  const server = sharedServer(model, { args: ['--idle-timeout', '1'] });

  it('closes a connection that has gone quiet', async () => {
    const idle = await EchoClient.connect(server().port);
    try {
      await idle.send('one message, then silence');
      await idle.waitFor(25);
      await within('the server to close the idle connection', idle.serverLeft, 15_000);
      expect(idle.received().toString()).toBe('one message, then silence');
    } finally {
      idle.destroy();
    }
  });

  if (model === 'sequential') {
    it('frees the server for the client waiting behind the idle one', async () => {
      const idle = await EchoClient.connect(server().port);
      const next = await EchoClient.connect(server().port);
      try {
        await idle.send('hello');
        await idle.waitFor(5);
        await next.send('my turn');
        expect((await next.waitFor(7, 15_000)).toString()).toBe('my turn');
        await within('the idle client closed', idle.serverLeft, 1_000);
      } finally {
        idle.destroy();
        next.destroy();
      }
    });
  }
});

describe('without --idle-timeout', () => {
  const server = sharedServer('event-loop');

  it('leaves a quiet connection open', async () => {
    const quiet = await EchoClient.connect(server().port);
    try {
      await quiet.send('x');
      await quiet.waitFor(1);
      const left = await Promise.race([quiet.serverLeft.then(() => true), new Promise((resolve) => setTimeout(resolve, 2_000, false))]);
      expect(left).toBe(false);
    } finally {
      quiet.destroy();
    }
  });
});
