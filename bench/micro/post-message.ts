/**
 * worker_threads postMessage round trips, the hop the worker model pays per chunk (main thread
 * owns the socket, the connection's thread does the service). Copying clones the bytes each way;
 * transferring moves the ArrayBuffer, as the worker model does.
 */
import { defineGroup, type MicroTask } from './group.js';
import { chunk, LARGE, SMALL, sizeLabel } from './payloads.js';
import { ThreadEcho } from './thread-echo.js';
import { inFlight } from './timing.js';

/** Messages kept in flight at once in the throughput variants, as with 64 connections. */
const IN_FLIGHT = 64;

interface Threads {
  copy: ThreadEcho;
  transfer: ThreadEcho;
}

/** One round trip at a time; a transferred chunk comes back and is sent again, never reallocated. */
function roundTrip(bytes: number, transfer: boolean): MicroTask<Threads> {
  const name = `${sizeLabel(bytes)} ${transfer ? 'transfer' : 'copy'}`;
  return {
    name,
    note: transfer ? 'round trip, ArrayBuffer in the transfer list both ways' : 'round trip, structured clone both ways',
    ...(transfer && { baseline: `${sizeLabel(bytes)} copy` }),
    fn: (threads) => {
      let data = chunk(bytes);
      const echo = transfer ? threads.transfer : threads.copy;
      return async () => {
        data = await echo.send(data);
      };
    },
  };
}

function pipelined(transfer: boolean): MicroTask<Threads> {
  const mode = transfer ? 'transfer' : 'copy';
  return {
    name: `${sizeLabel(SMALL)} ${mode} ×${IN_FLIGHT} in flight`,
    note: `${IN_FLIGHT} messages sent at once to one thread; time per message`,
    baseline: `${sizeLabel(SMALL)} ${mode}`,
    fn: (threads) => {
      const buffers = Array.from({ length: IN_FLIGHT }, () => chunk(SMALL));
      const echo = transfer ? threads.transfer : threads.copy;
      return inFlight(IN_FLIGHT, async (slot) => {
        buffers[slot] = await echo.send(buffers[slot]!);
      });
    },
  };
}

export const postMessage = defineGroup<Threads>({
  name: 'postMessage',
  setup: async (scope) => ({ copy: await ThreadEcho.start(scope, false), transfer: await ThreadEcho.start(scope, true) }),
  tasks: [
    roundTrip(SMALL, false),
    roundTrip(SMALL, true),
    roundTrip(LARGE, false),
    roundTrip(LARGE, true),
    pipelined(false),
    pipelined(true),
  ],
});
