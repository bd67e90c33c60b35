/**
 * A worker-model thread: owns one connection at a time. It receives the socket (accepted and never
 * read by Node in the main thread, which took at most its first byte while vetting it), serves it to its end (the reads, the work, the writes), says so, and
 * then exits or, kept in the thread cache, waits for its next connection: the main thread decides.
 */
import type { Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { serveConnection, type ServiceConfig } from '../shared/service.js';

/**
 * From the main thread: serve this connection (`preread`: the byte the main thread read while
 * vetting it, echoed first), or leave (not kept in the cache, or the server stops).
 */
export type ToThread = { type: 'connection'; socket: Socket; preread?: Uint8Array | undefined } | { type: 'leave' };
/** To the main thread, when the connection it handed over has ended. */
const SERVED = 'served';

const config = workerData as ServiceConfig;
const log = createLogger(config.logLevel, 'worker-thread', logSink(config.logFile));

parentPort!.on('message', (message: ToThread) => {
  if (message.type === 'leave') process.exit(0); // in a worker thread, exit ends only this thread
  const die = () => process.exit(70);
  void serveConnection(message.socket, config, log, die, message.preread).then(() => parentPort!.postMessage(SERVED));
});
