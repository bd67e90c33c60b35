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
  /** Exited, not yet reaped: it holds no memory or threads, but its CPU time is in no parent's cutime yet. */
  zombie: boolean;
}

/** USER_HZ: 100 on every Linux we target (sysconf(_SC_CLK_TCK) is not reachable from Node). */
export const CLOCK_TICKS = 100;
const PAGE_SIZE = 4096;

/** /proc/<pid>/stat parsed, zombies included, or undefined if the process is gone. */
function readAnyStat(pid: number): ProcStat | undefined {
  const text = readProcText(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  return {
    pid,
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    cutime: field(16),
    cstime: field(17),
    threads: field(20),
    rssBytes: field(24) * PAGE_SIZE,
    zombie: fields[0] === 'Z',
  };
}

/** /proc/<pid>/stat parsed, or undefined if the process is gone or a zombie (it holds no resources any more). */
export function readStat(pid: number): ProcStat | undefined {
  const stat = readAnyStat(pid);
  return stat?.zombie ? undefined : stat;
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
  for (const stat of treeStats(root, true)) {
    if (stat.zombie) {
      seconds += (stat.utime + stat.stime + stat.cutime + stat.cstime) / CLOCK_TICKS;
      continue;
    }
    processes++;
    seconds += Math.max((stat.utime + stat.stime) / CLOCK_TICKS, liveThreadsCpuSec(stat.pid)) + (stat.cutime + stat.cstime) / CLOCK_TICKS;
  }
  return processes === 0 ? undefined : seconds;
}

/** Every process's stat, zombies only with `zombies`. */
function allStats(zombies: boolean): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = zombies ? readAnyStat(pid) : readStat(pid);
    if (stat) stats.push(stat);
  }
  return stats;
}

/**
 * The stats of `root` and all its descendants, root first: read once, to find the tree and to sum it.
 * Live ones only, unless `zombies`: a CPU sum must count a zombie's own times until it is reaped (then
 * they are its parent's cutime). Left out, a forked child's CPU vanishes from the sum between its exit
 * and its reap (a parent busy on its one core reaps late) and comes back as a spike: fork under churn
 * read 0 %, then 500 % on one core.
 */
function treeStats(root: number, zombies = false): ProcStat[] {
  const stats = allStats(zombies);
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
  /** Cumulative CPU ticks of the tree, including its children that have exited (reaped or not). */
  utime: number;
  stime: number;
  /** When the CPU times were read (performance.now(), ms): before the PSS, which takes far longer. */
  ticksReadMs?: { from: number; to: number };
}

export function treeUsage(root: number, options: { pss?: boolean } = {}): TreeUsage {
  const usage: TreeUsage = { processes: 0, threads: 0, rssBytes: 0, utime: 0, stime: 0, ...(options.pss ? { pssBytes: 0 } : {}) };
  const from = performance.now();
  const stats = treeStats(root, true);
  usage.ticksReadMs = { from, to: performance.now() };
  for (const stat of stats) {
    if (stat.zombie) {
      usage.utime += stat.utime + stat.cutime;
      usage.stime += stat.stime + stat.cstime;
      continue;
    }
    usage.processes += 1;
    usage.threads += stat.threads;
    usage.rssBytes += stat.rssBytes;
    if (usage.pssBytes !== undefined) usage.pssBytes += readPssBytes(stat.pid) ?? 0; // undefined: it ended since its stat was read
    usage.utime += stat.utime + stat.cutime;
    usage.stime += stat.stime + stat.cstime;
  }
  return usage;
}
