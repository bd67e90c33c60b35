/**
 * A fork-model child: receives one connection from the parent, echoes it, exits when it closes.
 * It runs as compiled JS with no loader, imports little, and starts as fast as Node can.
 */
import type { Socket } from 'node:net';
import { isCrashToken } from '../shared/crash-token.js';
import { echo } from '../shared/echo.js';
import { createLogger, type LogLevel } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { prepareSocket } from '../shared/socket.js';
import { WorkMeter, type WorkSpec } from '../shared/work.js';

export interface ChildConfig {
  work: WorkSpec;
  idleTimeoutMs: number;
  logLevel: LogLevel;
  logFile: string | undefined;
  crashToken: string | undefined;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const log = createLogger(config.logLevel, 'fork-child', logSink(config.logFile));

// Never outlive the parent: its death (even SIGKILL) closes the IPC channel.
process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group; the parent decides when children stop.
process.on('SIGINT', () => {});

process.once('message', (_message: unknown, socket: Socket | undefined) => {
  if (!socket) process.exit(1);
  prepareSocket(socket, { idleTimeoutMs: config.idleTimeoutMs, log });
  socket.prependListener('data', (chunk: Buffer) => {
    if (isCrashToken(chunk, config.crashToken)) process.kill(process.pid, 'SIGKILL');
  });
  void echo(socket, new WorkMeter(config.work)).then(() => process.exit(0));
});
process.send?.('ready');

