/** What a running server holds, read from outside through /proc (its own stats: ServerProcess.stats()). */
import { readdirSync, readlinkSync } from 'node:fs';
import { processTree, readStat, treeCpuSeconds } from '../../src/harness/proc/proc.js';
import { eventually } from './poll.js';
import { isAlive } from '../../src/shared/process-alive.js';
import type { ServerProcess } from '../../src/harness/server/server-process.js';
import type { ModelStats, RunningStats } from '../../src/models/model.js';

/**
 * The server's own stats, with the counters every model must report (connections, waiting) and
 * any `also` asked for: a missing one fails the test at once, rather than reading as zero.
 */
export async function reportedStats(server: ServerProcess, also: readonly (keyof ModelStats)[] = []): Promise<RunningStats> {
  const stats = await server.stats();
  if (typeof stats.queues !== 'boolean') throw new Error(`the server's stats lack 'queues': ${JSON.stringify(stats)}`);
  for (const counter of ['connections', 'waiting', ...also] as const) {
    if (typeof stats[counter] !== 'number') throw new Error(`the server's stats lack '${counter}': ${JSON.stringify(stats)}`);
  }
  return stats as RunningStats;
}

/** Child processes (and their children) of a server, not the server itself. */
export function descendants(pid: number): number[] {
  return processTree(pid).slice(1);
}

/** Threads of one process, from /proc/<pid>/stat (0 if it is gone). */
export function threadCount(pid: number): number {
  return readStat(pid)?.threads ?? 0;
}

/**
 * Until the server's process tree has spent under `maxShare` of one core over `windowMs`: what it
 * was starting (the threads or processes of the connections it took in) is up. Bounded by `timeoutMs`.
 */
export async function quiet(pid: number, timeoutMs: number, windowMs = 300, maxShare = 0.05): Promise<void> {
  let last = treeCpuSeconds(pid) ?? 0;
  await eventually(
    'the server quiet',
    () => {
      const now = treeCpuSeconds(pid) ?? 0;
      const spent = now - last;
      last = now;
      return spent < (maxShare * windowMs) / 1000;
    },
    timeoutMs,
    windowMs,
  );
}

/** Pids from `pids` that are still alive (zombies count as gone). */
export function stillAlive(pids: readonly number[]): number[] {
  return pids.filter(isAlive);
}

/** Open sockets across a server's process tree (a leaked connection shows up here). */
export function socketCount(pid: number): number {
  let count = 0;
  for (const member of processTree(pid)) {
    try {
      for (const fd of readdirSync(`/proc/${member}/fd`)) {
        if (readlinkSafe(`/proc/${member}/fd/${fd}`).startsWith('socket:')) count += 1;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return count;
}

function readlinkSafe(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}
