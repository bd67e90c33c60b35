/**
 * Start-up to first message, with the models' own child and thread scripts: what the fork model
 * pays per connection (fork, child ready, socket handed, echo back) and what the worker model pays
 * per connection (new Worker, socket moved to it, echo back). Exit and terminate are not timed.
 */
import { Worker } from 'node:worker_threads';
import type { ConnectionMessage } from '../../src/models/fork-child.js';
import type { ToThread } from '../../src/models/worker-thread.js';
import type { ServiceConfig } from '../../src/shared/service.js';
import { NO_WORK } from '../../src/shared/work.js';
import { exited, forkChild } from './child.js';
import { defineGroup } from './group.js';
import { Loopback } from './loopback.js';
import { chunk, SMALL } from './payloads.js';
import type { Scope } from './scope.js';
import { deadline } from './timing.js';

const FORK_CHILD = new URL('../../src/models/fork-child.js', import.meta.url);
const WORKER_THREAD = new URL('../../src/models/worker-thread.js', import.meta.url);
const SERVICE: ServiceConfig = { work: NO_WORK, idleTimeoutMs: 0, logLevel: 'warn', logFile: undefined, crashToken: undefined };
const HAND_OVER: ConnectionMessage = { type: 'connection', preread: undefined };

export const startUp = defineGroup<{ scope: Scope; loopback: Loopback }>({
  name: 'start-up',
  // A fork takes tens of ms on 2 cores: a few samples keep the group inside its time budget.
  minSamples: 5,
  setup: async (scope) => ({ scope, loopback: await Loopback.start(scope) }),
  tasks: [
    {
      name: 'fork → first echo',
      note: 'fork(fork-child.js) → ready → socket handed → 64 B echoed',
      fn: ({ scope, loopback }) => {
        const payload = chunk(SMALL);
        return async () => {
          const { client, accepted, echoed } = await loopback.pair(payload);
          const start = performance.now();
          const child = forkChild(scope, FORK_CHILD, [JSON.stringify(SERVICE)]);
          child.once('message', () => child.send(HAND_OVER, accepted));
          await deadline(echoed, 10_000, 'echo from a new fork child');
          const overriddenDuration = performance.now() - start;
          client.end();
          await exited(child, 5000);
          return { overriddenDuration };
        };
      },
    },
    {
      name: 'new Worker → first echo',
      note: 'new Worker(worker-thread.js) → socket moved to it → 64 B echoed',
      fn: ({ scope, loopback }) => {
        const payload = chunk(SMALL);
        return async () => {
          const { client, accepted, echoed } = await loopback.pair(payload);
          const start = performance.now();
          const thread = new Worker(WORKER_THREAD, { workerData: SERVICE, execArgv: [] });
          scope.defer(() => thread.terminate());
          thread.postMessage({ type: 'connection', socket: accepted } satisfies ToThread, [accepted as never]);
          await deadline(echoed, 10_000, 'echo from a new worker thread');
          const overriddenDuration = performance.now() - start;
          client.end();
          await thread.terminate();
          return { overriddenDuration };
        };
      },
    },
  ],
});
