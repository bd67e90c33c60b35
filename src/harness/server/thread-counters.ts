/**
 * The kernel's own counters of every thread of a process tree, read from /proc at one moment: what a
 * message costs in CPU, in the time it waited for a CPU, in context switches and in system calls.
 * Two reads, at the start and the end of the measured windows, give a row's cost anatomy; nothing is
 * read in between, so measuring adds two passes over /proc per point and nothing per message.
 */
import { readdirSync } from 'node:fs';
import { readProcText } from '../proc/proc-file.js';
import { processTree } from '../proc/proc.js';

export interface ThreadCounters {
  /** Its process, and whether that process is the tree's root (else a child: a fork child, a cluster worker). */
  pid: number;
  tid: number;
  inRoot: boolean;
  /** The thread's name (comm): MainThread, WorkerThread, V8Worker, libuv-worker… */
  name: string;
  /** On a CPU, and runnable but waiting for one (schedstat: the scheduler's nanoseconds). */
  cpuNs: number;
  runDelayNs: number;
  /** User and system time in clock ticks (stat): coarse, used only to split cpuNs. */
  userTicks: number;
  systemTicks: number;
  voluntarySwitches: number;
  involuntarySwitches: number;
  /** read- and write-family system calls (io: syscr, syscw); null where the file cannot be read. */
  readCalls: number | null;
  writeCalls: number | null;
}

function field(text: string, name: string): number | null {
  const match = new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

/** One thread's counters, or undefined if it ended while being read. */
function readThread(pid: number, tid: number, inRoot: boolean): ThreadCounters | undefined {
  const base = `/proc/${pid}/task/${tid}`;
  const [schedstat, stat, status] = [readProcText(`${base}/schedstat`), readProcText(`${base}/stat`), readProcText(`${base}/status`)];
  if (schedstat === undefined || stat === undefined || status === undefined) return undefined;
  const io = readProcText(`${base}/io`);
  const [cpuNs, runDelayNs] = schedstat.split(' ').map(Number);
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    tid,
    inRoot,
    name,
    cpuNs: cpuNs!,
    runDelayNs: runDelayNs!,
    userTicks: Number(fields[11]),
    systemTicks: Number(fields[12]),
    voluntarySwitches: field(status, 'voluntary_ctxt_switches') ?? 0,
    involuntarySwitches: field(status, 'nonvoluntary_ctxt_switches') ?? 0,
    readCalls: io === undefined ? null : field(io, 'syscr'),
    writeCalls: io === undefined ? null : field(io, 'syscw'),
  };
}

/** Every live thread of `roots` and their descendants' processes, now. */
export function readTreeCounters(roots: readonly number[]): ThreadCounters[] {
  const threads: ThreadCounters[] = [];
  for (const root of roots) {
    for (const pid of processTree(root)) {
      let tids: string[];
      try {
        tids = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue; // the process ended since the tree was read
      }
      for (const tid of tids) {
        const counters = readThread(pid, Number(tid), pid === root);
        if (counters) threads.push(counters);
      }
    }
  }
  return threads;
}
