/**
 * The piscina model's task: one connection, served to its end by the pool thread that runs it.
 * The socket travels with the task (moved, accepted and never read by the main thread).
 */
import type { Socket } from 'node:net';
import { workerData } from 'piscina';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { serveConnection, type ServiceConfig } from '../shared/service.js';

export interface ConnectionTask {
  /** Absent in the empty task that loads this file in every thread before the server accepts. */
  socket?: Socket;
}

const config = workerData as ServiceConfig;
const log = createLogger(config.logLevel, 'pool-thread', logSink(config.logFile));

export default async function serveConnectionTask({ socket }: ConnectionTask): Promise<void> {
  if (socket === undefined) return;
  // A crash takes this thread, with the connections it serves; piscina starts a new one.
  await serveConnection(socket, config, log, () => process.exit(70));
}
