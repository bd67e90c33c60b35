/**
 * Handing an accepted socket to a running child over IPC (child.send(msg, socket)), the hop the
 * fork model pays once per connection, measured from send() to the first echo at the client.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { forkChild } from './child.js';
import { defineGroup } from './group.js';
import { Loopback } from './loopback.js';
import { chunk, SMALL, sizeLabel } from './payloads.js';
import { deadline } from './timing.js';

const HANDOFF_CHILD = new URL('./handoff-child.js', import.meta.url);

export const socketHandoff = defineGroup<{ loopback: Loopback; child: ChildProcess }>({
  name: 'socket handoff',
  async setup(scope) {
    const loopback = await Loopback.start(scope);
    const child = forkChild(scope, HANDOFF_CHILD);
    await deadline(once(child, 'message'), 10_000, 'handoff child ready');
    return { loopback, child };
  },
  tasks: [
    {
      name: `send-handle → first echo ${sizeLabel(SMALL)}`,
      note: 'running child; the client has written before the handoff; connect/accept not timed',
      fn: ({ loopback, child }) => {
        const payload = chunk(SMALL);
        return async () => {
          const { client, accepted, echoed } = await loopback.pair(payload);
          const start = performance.now();
          child.send('connection', accepted);
          await deadline(echoed, 5000, 'echo from the handoff child');
          const overriddenDuration = performance.now() - start;
          client.destroy();
          return { overriddenDuration };
        };
      },
    },
  ],
});
