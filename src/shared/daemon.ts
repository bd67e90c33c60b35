/**
 * Daemon mode, the tutorials' daemon() in Node terms. Node cannot fork() itself, so the launcher
 * re-runs this command as a detached process in its own session, with stdin closed and stdout and
 * stderr appended to the log file. It waits for the daemon's ready line over IPC, prints it,
 * and exits 0, leaving the daemon running.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ExitCode, FatalError } from './exit-codes.js';
import { toError } from './to-error.js';

const DAEMON_ENV = 'ECHOLAB_DAEMON';

export function isDaemonProcess(): boolean {
  return process.env[DAEMON_ENV] === '1';
}

/** Tell the launcher we are listening, then cut the cord so its exit does not affect us. */
export function reportReady(readyLine: string): void {
  if (!process.send) return;
  process.send(readyLine, () => process.disconnect());
}

export async function launchDaemon(script: string, args: readonly string[], logFile: string): Promise<string> {
  let log: number;
  try {
    log = openSync(logFile, 'a');
  } catch (error) {
    throw new FatalError(`cannot open log file ${logFile}: ${toError(error).code}`, ExitCode.pidFile);
  }
  const child = spawn(process.execPath, [script, ...args], {
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
    env: { ...process.env, [DAEMON_ENV]: '1' },
  });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.once('message', (line: string) => {
      child.unref();
      child.channel?.unref();
      resolve(line);
    });
    child.once('exit', (code) =>
      reject(new FatalError(`daemon exited with code ${code} before listening; see ${logFile}`, code ?? ExitCode.internal)),
    );
  });
}
