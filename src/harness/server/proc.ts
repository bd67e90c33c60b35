/** Reading a process tree from /proc (Linux): descendants, threads, memory, CPU time. */
import { readdirSync, readFileSync } from 'node:fs';
import { readProcText } from './proc-file.js';
import { readPssBytes } from './pss.js';

export interface ProcStat {
  pid: number;
  ppid: number;
  /** CPU time in clock ticks (see CLOCK_TICKS). */
  utime: number;
  stime: number;
  /** CPU ticks of this process's children that have exited and been reaped. */
  cutime: number;
  cstime: number;
  threads: number;
  rssBytes: number;
}

/** USER_HZ: 100 on every Linux we target (sysconf(_SC_CLK_TCK) is not reachable from Node). */
export const CLOCK_TICKS = 100;
const PAGE_SIZE = 4096;

/** /proc/<pid>/stat parsed, or undefined if the process is gone. */
export function readStat(pid: number): ProcStat | undefined {
  const text = readProcText(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  if (fields[0] === 'Z') return undefined; // a zombie holds no resources any more
  return { pid, ppid: field(4), utime: field(14), stime: field(15), cutime: field(16), cstime: field(17), threads: field(20), rssBytes: field(24) * PAGE_SIZE };
}

/** Seconds on CPU of a live process's live threads, from the scheduler's own nanosecond counts (/proc/<pid>/task/<tid>/schedstat). */
function liveThreadsCpuSec(pid: number): number {
  let total = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'latin1').split(' ')[0]) / 1e9;
    }
  } catch {
    // the process or a thread ended while being read: what was read is a lower bound
  }
  return Number.isFinite(total) ? total : 0;
}

/**
 * CPU seconds a process tree has used so far, children that have exited and been reaped included.
 * A live process's /proc/<pid>/stat times can lag its real use (here ~12 ms per idle Node child) and
 * catch up when it exits and its parent reaps it, so a before/after difference across many exits
 * over-counts (64 fork children exiting: 1.3 s counted in 0.78 s on one core). Each live process is
 * therefore counted as the larger of two lower bounds: its stat times (which include threads that
 * ended) and its live threads' scheduler times (exact, but only for threads still there).
 */
export function treeCpuSeconds(root: number): number | undefined {
  let seconds = 0;
  let processes = 0;
  for (const pid of processTree(root)) {
    const stat = readStat(pid);
    if (!stat) continue;
    processes++;
    seconds += Math.max((stat.utime + stat.stime) / CLOCK_TICKS, liveThreadsCpuSec(pid)) + (stat.cutime + stat.cstime) / CLOCK_TICKS;
  }
  return processes === 0 ? undefined : seconds;
}

/** Every live process's stat. */
function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) stats.push(stat);
  }
  return stats;
}

/** The stats of `root` and all its live descendants, root first: read once, to find the tree and to sum it. */
export function treeStats(root: number): ProcStat[] {
  const stats = allStats();
  const rootStat = stats.find((stat) => stat.pid === root);
  if (!rootStat) return [];
  const tree = [rootStat];
  for (let i = 0; i < tree.length; i++) {
    for (const stat of stats) if (stat.ppid === tree[i]!.pid) tree.push(stat);
  }
  return tree;
}

/** `root` and all its live descendants. */
export function processTree(root: number): number[] {
  return treeStats(root).map((stat) => stat.pid);
}

/** Totals over a process tree at one moment. */
export interface TreeUsage {
  processes: number;
  threads: number;
  /** Summed RSS: pages shared between the tree's processes count once per process. */
  rssBytes: number;
  /** Summed PSS (see pss.ts): every page counts once. Only when asked for, as it costs far more to read. */
  pssBytes?: number;
  /** Cumulative CPU ticks of the tree, including its children that have exited and been reaped. */
  utime: number;
  stime: number;
}

export function treeUsage(root: number, options: { pss?: boolean } = {}): TreeUsage {
  const usage: TreeUsage = { processes: 0, threads: 0, rssBytes: 0, utime: 0, stime: 0, ...(options.pss ? { pssBytes: 0 } : {}) };
  for (const stat of treeStats(root)) {
    usage.processes += 1;
    usage.threads += stat.threads;
    usage.rssBytes += stat.rssBytes;
    if (usage.pssBytes !== undefined) usage.pssBytes += readPssBytes(stat.pid) ?? 0; // undefined: it ended since its stat was read
    usage.utime += stat.utime + stat.cutime;
    usage.stime += stat.stime + stat.cstime;
  }
  return usage;
}
