/**
 * A fork-model child: receives one connection from the parent, echoes it, exits when it closes.
 * It runs as compiled JS with no loader, imports little, and starts as fast as Node can.
 */
import type { Socket } from 'node:net';
import { leaveInterruptToParent } from '../shared/interrupt.js';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { serveConnection, type ServiceConfig } from '../shared/service.js';

/** The parent's hand-over: the socket travels beside it; `preread` (base64) is what the parent read while it waited. */
export interface ConnectionMessage {
  type: 'connection';
  preread: string | undefined;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ServiceConfig;
const log = createLogger(config.logLevel, 'fork-child', logSink(config.logFile));

// Never outlive the parent: its death (even SIGKILL) closes the IPC channel.
process.on('disconnect', () => process.exit(0));
leaveInterruptToParent();

process.once('message', (message: ConnectionMessage, socket: Socket | undefined) => {
  if (!socket) process.exit(1);
  const preread = message.preread === undefined ? undefined : Buffer.from(message.preread, 'base64');
  const die = () => process.kill(process.pid, 'SIGKILL');
  void serveConnection(socket, config, log, die, preread).then(() => process.exit(0));
});
process.send?.('ready');
