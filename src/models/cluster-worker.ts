/** A cluster worker process: the event-loop echo server on the shared port. */
import { serveEventLoop } from './event-loop.js';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { ListenError } from '../shared/listen.js';
import { leaveInterruptToParent } from '../shared/interrupt.js';
import type { RunningServer } from './model.js';
import type { ServeOptions } from './options.js';
import type { WorkSpec } from '../shared/work.js';

export interface ClusterWorkerConfig {
  options: ServeOptions;
  work: WorkSpec;
}

/** The primary asks each worker for its live connections (`id` pairs a reply with its question). */
export type ClusterCommand = { type: 'connections'; id: number };
export type ClusterWorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'listen-error'; code: string | undefined }
  | { type: 'connections'; id: number; connections: number };

const { options, work } = JSON.parse(process.argv[2] ?? '{}') as ClusterWorkerConfig;
const log = createLogger(options.logLevel, 'cluster-worker', logSink(options.logFile));
leaveInterruptToParent();

let server: RunningServer | undefined;
process.on('message', async (command: ClusterCommand) => {
  if (command.type !== 'connections') return;
  const connections = server ? (await server.stats()).connections : 0;
  process.send?.({ type: 'connections', id: command.id, connections } satisfies ClusterWorkerMessage);
});

// Not top-level await: a worker that exits while it is pending (listen failed) would make Node warn.
// The primary accepts and hands connections over: a worker does not guard the open-file limit itself.
void serveEventLoop({ options, work, log }, { fileLimitGuard: false }).then(
  (started) => {
    server = started;
    process.send?.({ type: 'listening', port: started.address.port } satisfies ClusterWorkerMessage);
  },
  (error: unknown) => {
    const code = error instanceof ListenError ? error.code : undefined;
    process.send?.({ type: 'listen-error', code } satisfies ClusterWorkerMessage, () => process.exit(1));
  },
);
