/** A row's cost anatomy: what each thread spent between two reads of the kernel's counters, by role. */
import { describe, expect, it } from 'vitest';
import { sideAnatomy } from '../../src/harness/rows/anatomy.js';
import { roleOf } from '../../src/harness/rows/anatomy-roles.js';
import type { ThreadCounters } from '../../src/harness/server/thread-counters.js';
import { perUnit } from '../../src/results/message-cost.js';
import { runBench } from '../helpers/bench-run.js';

const thread = (tid: number, name: string, cpuMs: number, more: Partial<ThreadCounters> = {}): ThreadCounters => ({
  pid: 10, tid, inRoot: true, name, cpuNs: cpuMs * 1e6, runDelayNs: 0, userTicks: 0, systemTicks: 0,
  voluntarySwitches: 0, involuntarySwitches: 0, readCalls: 0, writeCalls: 0, ...more,
});

describe('sideAnatomy', () => {
  it('counts what each thread spent between the reads, all of a thread born in between, and the threads that ended', () => {
    const before = [thread(10, 'MainThread', 100, { voluntarySwitches: 5, readCalls: 7 }), thread(11, 'WorkerThread', 50), thread(12, 'WorkerThread', 40)];
    const after = [thread(10, 'MainThread', 130, { voluntarySwitches: 9, readCalls: 17 }), thread(11, 'WorkerThread', 80), thread(13, 'WorkerThread', 5)];
    const side = sideAnatomy(before, after, (t) => roleOf('worker', t));
    expect(side.cpuUs).toBe(30_000 + 30_000 + 5_000);
    expect(side.voluntarySwitches).toBe(4);
    expect(side.readCalls).toBe(10);
    expect(side.endedThreads).toBe(1); // tid 12: what it spent after the first read is not in the figures
    expect(side.roles.map((r) => [r.role, r.threads, r.cpuUs])).toEqual([['connection threads', 2, 35_000], ['main thread', 1, 30_000]]);
  });

  it('has no system-call figure where a thread\'s io could not be read, rather than a 0', () => {
    const side = sideAnatomy([thread(10, 'MainThread', 1)], [thread(10, 'MainThread', 2, { readCalls: null, writeCalls: null })], (t) => roleOf('event-loop', t));
    expect(side.readCalls).toBeNull();
  });

  it('names each model\'s threads and processes by the part they play', () => {
    expect(roleOf('hsha', { inRoot: true, name: 'WorkerThread' })).toBe('pool threads');
    expect(roleOf('fork', { inRoot: false, name: 'MainThread' })).toBe('connection processes');
    expect(roleOf('cluster', { inRoot: true, name: 'MainThread' })).toBe('primary');
    expect(roleOf('event-loop', { inRoot: true, name: 'V8Worker' })).toBe('runtime threads (V8, libuv)');
  });
});

describe('a bench row\'s anatomy', () => {
  it('shows the event loop\'s one read and one write per message, its main thread doing the work, and the generator\'s own cost', async () => {
    const { code, stdout, results } = await runBench(['--scenarios', 'echo-small', '--models', 'event-loop', '-c', '1', '-d', '0.3', '-W', '0.1', '-n', '1']);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('Cost of one message in the server, and in the generator');
    const [row] = results!.results;
    expect(row!.anatomy!.answers).toBeGreaterThan(100);
    const server = perUnit(row!, 'server')!;
    // One message in, one echo out: a read and a write call each (a few more for the connection's own life).
    expect(server.readCalls!).toBeGreaterThanOrEqual(0.9);
    expect(server.readCalls!).toBeLessThan(1.5);
    expect(server.writeCalls!).toBeGreaterThanOrEqual(0.9);
    expect(row!.anatomy!.server!.roles[0]!.role).toBe('main thread');
    expect(perUnit(row!, 'generator')!.cpuUs!).toBeGreaterThan(0);
    expect(row!.anatomy!.cycles).toBeNull();
  });
});
