import type { ScenarioOf } from './scenario.js';
import { THREAD_CACHED_WORKER } from './variants.js';

export const abandoned: ScenarioOf<'abandoned'> = {
  name: 'abandoned',
  // The busy connections get one echo each, then stay open and silent: enough to hold every slot, and the
  // server's CPU meanwhile is then the departed clients' cost, not a closed loop's echo work.
  description:
    "clients connect and leave while 64 held connections fill fork's and worker's caps of 64, either with nothing sent or " +
    'after sending a byte and half-closing (still owed its echo); then one new client: time to its first echo, the server CPU ' +
    'spent meanwhile, and how many half-closed clients got their echo.',
  kind: 'abandoned',
  // departureBytes 0: the client closes having sent nothing, nothing is owed; 1: it sends a byte and half-closes, reading on.
  parameters: { connections: [64], messageSize: [64], departureBytes: [0, 1] },
  // 100, not 1,000: a client that half-closed is owed its echo, so fork starts a process and worker a thread
  // for each (the run's own figures say what that costs): 1,000 would keep them past any deadline that fits
  // the suite's time budget. (Clients that sent nothing cost them neither: both drop those unserved.)
  abandon: { clients: 100, deadlineSec: 30 },
  quick: { abandon: { clients: 20, deadlineSec: 10 } },
  // worker's thread cache turns a thread start per connection (a half-closed client's too) into a hand-over.
  variants: THREAD_CACHED_WORKER,
};
