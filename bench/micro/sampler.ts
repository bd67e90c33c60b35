/**
 * What the harness's /proc sampler costs: one process's stat against its smaps_rollup (PSS), one
 * sampler tick over a fork server holding 64 connections (65 processes), and the harness's CPU over
 * one second of a real TreeSampler on that tree, at its own rates and with PSS read at every tick.
 */
import net from 'node:net';
import type { FnReturnedObject } from 'tinybench';
import { processTree, readStat, treeUsage } from '../../src/harness/proc/proc.js';
import { readPssBytes } from '../../src/harness/proc/pss.js';
import { DEFAULT_PSS_RATE, TreeSampler, type PssRate } from '../../src/harness/server/sampler.js';
import { killTree, startServer } from '../../src/harness/server/server-process.js';
import { defineGroup } from './group.js';
import type { Scope } from './scope.js';
import { deadline } from './timing.js';

/** The fork model's default cap: one child per connection up to it. */
const HELD = 64;

interface ForkTree {
  root: number;
  child: number;
}

/** A fork server with HELD connections held open, each answered once (its child is then up). */
async function forkTree(scope: Scope): Promise<ForkTree> {
  const server = await startServer('fork');
  scope.defer(async () => {
    killTree(server.pid);
    await server.exited;
  });
  const sockets: net.Socket[] = [];
  scope.defer(() => sockets.forEach((socket) => socket.destroy()));
  const answered = Array.from({ length: HELD }, () => {
    const socket = net.connect({ port: server.port, host: server.host });
    sockets.push(socket);
    socket.write('ping');
    return new Promise((resolve, reject) => socket.once('data', resolve).once('error', reject));
  });
  await deadline(Promise.all(answered), 60_000, `${HELD} fork children answering`);
  const tree = processTree(server.pid);
  if (tree.length !== HELD + 1) throw new Error(`expected ${HELD + 1} processes, found ${tree.length}`);
  return { root: server.pid, child: tree[1]! };
}

/**
 * One second of a TreeSampler's ticks; the sample is this process's CPU meanwhile, so µs per op / 10,000
 * = % of one core. Its stop (a read at the end of the measurement, not each second) is left out.
 */
function samplerSecond(root: number, pssRate: PssRate): () => Promise<FnReturnedObject> {
  return async () => {
    const sampler = new TreeSampler(root, 100, pssRate);
    const before = process.cpuUsage();
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { user, system } = process.cpuUsage(before);
    sampler.stop();
    return { overriddenDuration: (user + system) / 1000 };
  };
}

export const sampler = defineGroup<ForkTree>({
  name: 'sampler',
  // The sampler tasks take a second each.
  minSamples: 5,
  setup: forkTree,
  tasks: [
    {
      name: `find the tree of ${HELD + 1} processes`,
      note: "processTree(root): a stat of every process on the machine, to find the server's descendants",
      fn: ({ root }) => () => void processTree(root),
    },
    { name: 'stat, one process', note: 'readStat(pid): /proc/<pid>/stat of one fork child, read and parsed', fn: ({ child }) => () => void readStat(child) },
    {
      name: 'smaps_rollup, one process',
      note: 'readPssBytes(pid): /proc/<pid>/smaps_rollup of one fork child (the kernel walks its page tables)',
      baseline: 'stat, one process',
      fn: ({ child }) => () => void readPssBytes(child),
    },
    {
      name: `tick, ${HELD + 1} processes: CPU, RSS`,
      note: `treeUsage(root): find the tree (a stat of every process on the machine), then sum its ${HELD + 1} processes' stat`,
      fn: ({ root }) => () => void treeUsage(root),
    },
    {
      name: `tick, ${HELD + 1} processes: CPU, RSS, PSS`,
      note: `treeUsage(root, { pss: true }): the same, and each process's smaps_rollup`,
      baseline: `tick, ${HELD + 1} processes: CPU, RSS`,
      fn: ({ root }) => () => void treeUsage(root, { pss: true }),
    },
    {
      name: 'sampler, 1 s: PSS once a second',
      note: `a TreeSampler as the harness runs it (ticks every 100 ms, PSS at most every 1 s, and at stop) on ${HELD + 1} processes; time = the harness's CPU (user + system) in that second, its stop left out`,
      fn: ({ root }) => samplerSecond(root, DEFAULT_PSS_RATE),
    },
    {
      name: 'sampler, 1 s: PSS at every tick',
      note: 'the same with PSS read at every 100 ms tick: what reading it at the stat rate would cost',
      baseline: 'sampler, 1 s: PSS once a second',
      fn: ({ root }) => samplerSecond(root, { everyMs: 0, maxCpuShare: Number.POSITIVE_INFINITY }),
    },
  ],
});
