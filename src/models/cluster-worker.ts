/**
 * A cluster worker process: the event-loop echo server on the shared port. It tells the primary
 * how many connections it serves whenever that changes (at most once per event-loop turn).
 */
import { serveEventLoop } from './event-loop.js';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { ListenError } from '../shared/listen.js';
import { leaveInterruptToParent } from '../shared/interrupt.js';
import type { ServeOptions } from './options.js';
import type { WorkSpec } from '../shared/work.js';

export interface ClusterWorkerConfig {
  options: ServeOptions;
  work: WorkSpec;
}

export type ClusterWorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'listen-error'; code: string | undefined }
  | { type: 'connections'; connections: number };

const { options, work } = JSON.parse(process.argv[2] ?? '{}') as ClusterWorkerConfig;
const log = createLogger(options.logLevel, 'cluster-worker', logSink(options.logFile));
leaveInterruptToParent();

const send = (message: ClusterWorkerMessage, then?: () => void) => {
  // Once the primary has let go (stopping), there is no one to tell.
  if (process.connected) process.send!(message, () => then?.());
  else then?.();
};

/** The live count, sent once per turn however many connections opened or closed in it. */
let live = 0;
let countQueued = false;
function countChanged(_: 'open' | 'close', now: number): void {
  live = now;
  if (countQueued) return;
  countQueued = true;
  setImmediate(() => {
    countQueued = false;
    send({ type: 'connections', connections: live });
  });
}

// Not top-level await: a worker that exits while it is pending (listen failed) would make Node warn.
// The primary accepts and hands connections over: a worker does not guard the open-file limit itself.
void serveEventLoop({ options, work, log }, { listen: { fileLimitGuard: false }, onConnectionsChange: countChanged }).then(
  (started) => send({ type: 'listening', port: started.address.port }),
  (error: unknown) => {
    const code = error instanceof ListenError ? error.code : undefined;
    send({ type: 'listen-error', code }, () => process.exit(1));
  },
);
