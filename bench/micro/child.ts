/** Forking a compiled child the way the fork model does, and waiting on it, with no way to leak it. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Scope } from './scope.js';
import { deadline } from './timing.js';

/** fork() as src/models/fork.ts calls it; the scope kills the child if it is still alive at the end. */
export function forkChild(scope: Scope, script: URL, args: string[] = []): ChildProcess {
  // execArgv: [] so the child never inherits a loader or inspector from this process.
  const child = fork(script, args, { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  scope.defer(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

/** Resolve when the child has exited; kill it if it has not within `ms`. */
export async function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = once(child, 'exit');
  try {
    await deadline(exit, ms, `child ${child.pid ?? '?'} exit`);
  } catch (error) {
    child.kill('SIGKILL');
    await exit;
    throw error;
  }
}
