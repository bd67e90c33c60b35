/**
 * A worker-model thread: owns one connection. It receives the socket (accepted and never read by the
 * main thread), serves it to its end (the reads, the work, the writes) and exits.
 */
import type { Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { serveConnection, type ServiceConfig } from '../shared/service.js';

export interface ConnectionHandOver {
  socket: Socket;
}

const config = workerData as ServiceConfig;
const log = createLogger(config.logLevel, 'worker-thread', logSink(config.logFile));

parentPort!.once('message', ({ socket }: ConnectionHandOver) => {
  const die = () => process.exit(70); // in a worker thread, exit ends only this thread
  void serveConnection(socket, config, log, die).then(() => process.exit(0));
});
