/** The /proc sampler sees a server's whole tree: the fork model's children and the worker model's threads. */
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { MIN_CPU_SPAN_MS, TreeSampler } from '../../src/harness/server/sampler.js';
import { serverPool } from '../helpers/servers.js';

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
