/** A row's cost anatomy from two reads of the kernel's thread counters: what each role spent in between. */
import type { Anatomy, CostFigures, RoleCost, SideAnatomy } from '../../results/schema.js';
import { CLOCK_TICKS } from '../proc/proc.js';
import type { ThreadCounters } from '../server/thread-counters.js';

const ZERO: ThreadCounters = {
  pid: 0, tid: 0, inRoot: true, name: '', cpuNs: 0, runDelayNs: 0, userTicks: 0, systemTicks: 0,
  voluntarySwitches: 0, involuntarySwitches: 0, readCalls: 0, writeCalls: 0,
};

type Delta = Omit<ThreadCounters, 'pid' | 'tid' | 'inRoot' | 'name'>;

const key = (thread: ThreadCounters) => `${thread.pid}/${thread.tid}`;
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** Summed deltas as the figures results.json keeps: µs, counts, and user/system split by the ticks. */
function figures(deltas: readonly Delta[]): CostFigures {
  const sum = deltas.reduce<Delta>(
    (total, d) => ({
      cpuNs: total.cpuNs + d.cpuNs,
      runDelayNs: total.runDelayNs + d.runDelayNs,
      userTicks: total.userTicks + d.userTicks,
      systemTicks: total.systemTicks + d.systemTicks,
      voluntarySwitches: total.voluntarySwitches + d.voluntarySwitches,
      involuntarySwitches: total.involuntarySwitches + d.involuntarySwitches,
      readCalls: plus(total.readCalls, d.readCalls),
      writeCalls: plus(total.writeCalls, d.writeCalls),
    }),
    { ...ZERO },
  );
  const cpuUs = sum.cpuNs / 1000;
  const ticks = sum.userTicks + sum.systemTicks;
  // A tick is 10 ms of one thread's time: below a few of them the split says nothing.
  const split = ticks >= 3 && ticks / CLOCK_TICKS >= 0.01;
  return {
    threads: deltas.length,
    cpuUs,
    userUs: split ? (cpuUs * sum.userTicks) / ticks : null,
    systemUs: split ? (cpuUs * sum.systemTicks) / ticks : null,
    runDelayUs: sum.runDelayNs / 1000,
    voluntarySwitches: sum.voluntarySwitches,
    involuntarySwitches: sum.involuntarySwitches,
    readCalls: sum.readCalls,
    writeCalls: sum.writeCalls,
  };
}

/** What every thread spent between `before` and `after` (a thread born in between: all it spent), grouped by `roleOf`. */
export function sideAnatomy(before: readonly ThreadCounters[], after: readonly ThreadCounters[], roleOf: (thread: ThreadCounters) => string): SideAnatomy {
  const earlier = new Map(before.map((thread) => [key(thread), thread]));
  const byRole = new Map<string, Delta[]>();
  const all: Delta[] = [];
  for (const thread of after) {
    const start = earlier.get(key(thread)) ?? ZERO;
    const delta: Delta = {
      cpuNs: thread.cpuNs - start.cpuNs,
      runDelayNs: thread.runDelayNs - start.runDelayNs,
      userTicks: thread.userTicks - start.userTicks,
      systemTicks: thread.systemTicks - start.systemTicks,
      voluntarySwitches: thread.voluntarySwitches - start.voluntarySwitches,
      involuntarySwitches: thread.involuntarySwitches - start.involuntarySwitches,
      readCalls: minus(thread.readCalls, start.readCalls),
      writeCalls: minus(thread.writeCalls, start.writeCalls),
    };
    all.push(delta);
    const role = roleOf(thread);
    byRole.set(role, [...(byRole.get(role) ?? []), delta]);
  }
  const living = new Set(after.map(key));
  const roles: RoleCost[] = [...byRole].map(([role, deltas]) => ({ role, ...figures(deltas) })).sort((a, b) => b.cpuUs - a.cpuUs);
  return { ...figures(all), roles, endedThreads: before.filter((thread) => !living.has(key(thread))).length };
}

export function anatomyOf(parts: { answers: number; connectionsCompleted: number; server: SideAnatomy | null; generator: SideAnatomy | null }): Anatomy {
  return { ...parts, cycles: null, instructions: null };
}
