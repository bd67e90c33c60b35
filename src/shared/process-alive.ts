/** Whether a process is still running, for the daemon's pid file and for the harness's clean-up checks. */
import { readFileSync } from 'node:fs';
import { toError } from './to-error.js';

/**
 * True while `pid` runs: it exists (signal 0 reaches it, or it is another user's: EPERM) and is not a
 * zombie, which has exited and holds nothing, only waits to be reaped (an orphan's, by an init that
 * may never do it).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (toError(error).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/** Linux: the state in /proc/<pid>/stat follows the command name, which may hold spaces and parentheses. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return false; // gone meanwhile (kill said it existed), or no /proc to ask
  }
}
