/**
 * A reuseport-model thread: the event-loop echo server (the same one cluster's workers run), on a
 * port it shares with the other threads (SO_REUSEPORT). It counts its live and accepted
 * connections in shared memory for the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ListenError } from '../shared/listen.js';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { toError } from '../shared/to-error.js';
import type { WorkSpec } from '../shared/work.js';
import { serveEventLoop } from './event-loop.js';
import type { RunningServer } from './model.js';
import type { ServeOptions } from './options.js';
import { ConnectionCounters } from './reuseport-counters.js';

export interface ReuseportThreadConfig {
  /** serve's options, with the port this thread is to bind. */
  options: ServeOptions;
  work: WorkSpec;
  /** This thread's share of the process's connection limit (the threads split it). */
  fdShare: number;
  /** ConnectionCounters' buffer. */
  counters: SharedArrayBuffer;
  index: number;
}

export type ReuseportThreadMessage = { type: 'listening'; port: number } | { type: 'listen-error'; code: string | undefined; message: string };
export type ReuseportCommand = { type: 'stop' };

const { options, work, fdShare, counters: buffer, index } = workerData as ReuseportThreadConfig;
const log = createLogger(options.logLevel, 'reuseport-thread', logSink(options.logFile));
const counters = new ConnectionCounters(buffer);
const mainThread = parentPort!;

let server: RunningServer | undefined;
serveEventLoop(
  { options, work, log },
  {
    listen: { reusePort: true, fdShare },
    die: () => process.exit(70),
    onConnectionsChange: (change, live) => (change === 'open' ? counters.opened(index, live) : counters.setLive(index, live)),
  },
).then(
  (started) => {
    server = started;
    mainThread.postMessage({ type: 'listening', port: started.address.port } satisfies ReuseportThreadMessage);
  },
  (error: unknown) => {
    const code = error instanceof ListenError ? error.code : undefined;
    mainThread.postMessage({ type: 'listen-error', code, message: toError(error).message } satisfies ReuseportThreadMessage);
  },
);

mainThread.on('message', async (command: ReuseportCommand) => {
  if (command.type !== 'stop') return;
  await server?.stop();
  process.exit(0);
});
