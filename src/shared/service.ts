/**
 * One connection's whole service, as run by whoever owns its socket: a fork child, a worker thread,
 * a pool thread. Everything such an owner needs travels in a ServiceConfig (plain data, so it can
 * cross a process or thread boundary).
 */
import type { Socket } from 'node:net';
import { echo } from './echo.js';
import type { LogLevel, Logger } from './log.js';
import { prepareSocket } from './socket.js';
import { WorkMeter, type WorkSpec } from './work.js';

export interface ServiceConfig {
  work: WorkSpec;
  idleTimeoutMs: number;
  logLevel: LogLevel;
  logFile: string | undefined;
  crashToken: string | undefined;
}

/** What an owner of connections needs from serve's options, as plain data for a child or thread. */
export function serviceConfig(options: Omit<ServiceConfig, 'work'>, work: WorkSpec): ServiceConfig {
  return { work, idleTimeoutMs: options.idleTimeoutMs, logLevel: options.logLevel, logFile: options.logFile, crashToken: options.crashToken };
}

/**
 * Serve one connection to its end: socket set-up, then the echo (bytes read before the hand-over
 * first, if any). `die` is how this owner ends abruptly when the test crash token arrives.
 */
export function serveConnection(socket: Socket, config: ServiceConfig, log: Logger, die: () => void, preread?: Uint8Array): Promise<void> {
  prepareSocket(socket, { idleTimeoutMs: config.idleTimeoutMs, log });
  const crash = config.crashToken === undefined ? undefined : { token: config.crashToken, die };
  return echo(socket, new WorkMeter(config.work), { preread, crash });
}
