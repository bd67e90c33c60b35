/** The /proc sampler sees a server's whole tree: the fork model's children and the worker model's threads. */
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { MIN_CPU_SPAN_MS, TreeSampler } from '../../src/harness/server/sampler.js';
import { serverPool } from '../helpers/servers.js';
import { CLOCK_TICKS, type TreeUsage } from '../../src/harness/proc/proc.js';

const servers = serverPool();
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await servers.cleanup();
});

async function echoOnce(port: number): Promise<void> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  sockets.push(socket);
  socket.write('ping');
  await new Promise((resolve) => socket.once('data', resolve));
}

/** Sample `pid`'s tree while `during` runs, then a little longer. */
async function sampleWhile(pid: number, during: () => Promise<unknown>) {
  const sampler = new TreeSampler(pid, 50);
  sampler.start();
  await during();
  await delay(300);
  return sampler.stop();
}

describe('TreeSampler', () => {
  it('counts the children of the fork model', async () => {
    const server = await servers.start('fork');
    const idle = await sampleWhile(server.pid, async () => {});
    const busy = await sampleWhile(server.pid, () => Promise.all([1, 2, 3].map(() => echoOnce(server.port))));
    expect(idle.maxProcesses).toBe(1);
    expect(busy.maxProcesses).toBeGreaterThanOrEqual(4);
    expect(busy.peakRssBytes).toBeGreaterThan(idle.peakRssBytes);
    expect(busy.series.length).toBeGreaterThan(2);
  });

  it('counts the threads of the worker model', async () => {
    const server = await servers.start('worker');
    const idle = await sampleWhile(server.pid, async () => {});
    const busy = await sampleWhile(server.pid, () => Promise.all([1, 2, 3].map(() => echoOnce(server.port))));
    expect(busy.maxThreads).toBeGreaterThanOrEqual(idle.maxThreads + 3);
    expect(busy.maxProcesses).toBe(1);
  });

  it('gives no CPU figure for a read too soon after the last: one 10 ms tick over 2 ms is not 500 % CPU', () => {
    // This process, busy between reads 2 ms apart: about one read in five crosses a tick.
    const sampler = new TreeSampler(process.pid, 60_000);
    sampler.start();
    for (let i = 0; i < 60; i++) {
      const until = performance.now() + 2;
      while (performance.now() < until);
      sampler.windowEnded();
    }
    const { series } = sampler.stop();
    const figures = series.map((sample) => sample.cpuPercent);
    // Some reads fall within 50 ms of the last figure (how many depends on the machine's load: not counted).
    expect(figures).toContain(null);
    // What is given covers at least MIN_CPU_SPAN_MS, so it stays within what the machine's cores can do (with a tick's slack).
    const slack = (100 * 10) / MIN_CPU_SPAN_MS;
    for (const cpu of figures) if (cpu !== null) expect(cpu).toBeLessThanOrEqual(100 * availableParallelism() + slack);
  });
});

describe('TreeSampler over a slow read', () => {
  /** Spin (not sleep): the sampler's clock must move while the read runs. */
  const spin = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('gives no CPU figure where a read took too long to say when its ticks were counted', () => {
    // A tree that burns exactly one core: its ticks are the time since the start. Each read counts them at its
    // start; the second read then takes 60 ms, as one does when the harness is descheduled in the middle of it.
    const t0 = performance.now();
    let slow = false;
    const read = (): TreeUsage => {
      const ticks = ((performance.now() - t0) / 1000) * CLOCK_TICKS;
      if (slow) spin(60);
      return { processes: 1, threads: 1, rssBytes: 0, utime: ticks, stime: 0 };
    };
    const sampler = new TreeSampler(1, 60_000, undefined, read);
    sampler.start();
    spin(60);
    slow = true;
    sampler.windowEnded(); // counted at its start, timed at its end
    slow = false;
    spin(55);
    sampler.windowEnded(); // 55 ms after the last read ended, 115 ms of ticks after the last count
    const figures = sampler.stop().series.map((sample) => sample.cpuPercent);
    // One core's tree can show at most 100 % (and a tick's slack); timed from the reads' ends, the last read showed 200 %.
    for (const cpu of figures) if (cpu !== null) expect(cpu).toBeLessThanOrEqual(100 + (100 * 10) / MIN_CPU_SPAN_MS);
  });
});
