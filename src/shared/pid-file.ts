/** The daemon's pid file: refuse to start over a live server, replace a stale file, remove ours on stop. */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { ExitCode, FatalError } from './exit-codes.js';
import type { Logger } from './log.js';
import { isAlive } from './process-alive.js';
import { toError } from './to-error.js';

/** Throws if the file names a live process; warns and carries on over a stale one. */
export function checkPidFile(path: string, log: Logger): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (toError(error).code === 'ENOENT') return;
    throw new FatalError(`cannot read pid file ${path}: ${toError(error).code}`, ExitCode.pidFile);
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    throw new FatalError(`already running as pid ${pid} (pid file ${path})`, ExitCode.pidFile);
  }
  log.warn(`stale pid file ${path} (${Number.isInteger(pid) ? `pid ${pid} is not running` : 'no pid in it'}); replacing it`);
}

export function writePidFile(path: string): void {
  try {
    writeFileSync(path, `${process.pid}\n`);
  } catch (error) {
    throw new FatalError(`cannot write pid file ${path}: ${toError(error).code}`, ExitCode.pidFile);
  }
}

/** Remove the file if it still names this process. */
export function removePidFile(path: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
  } catch {
    // already gone: nothing to do
  }
}
