/**
 * On a forked tree, the sampler's memory is the sum of its processes' PSS, well below their summed RSS:
 * the fork model's children share their parent's pages (Node's code, V8's snapshot), which summed RSS
 * counts once per process. Checked against PSS read independently, from /proc/<pid>/smaps line by line.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { processTree } from '../../src/harness/proc/proc.js';
import { TreeSampler } from '../../src/harness/server/sampler.js';
import { serverPool } from '../helpers/servers.js';

const HELD = 8;
const servers = serverPool();
const sockets: net.Socket[] = [];
afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await servers.cleanup();
});

/** Connect and get one echo back: the connection's fork child is then up and serving. */
async function holdConnection(port: number): Promise<void> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  sockets.push(socket);
  socket.write('ping');
  await new Promise((resolve, reject) => socket.once('data', resolve).once('error', reject));
}

/** PSS of a process summed over each of its mappings in /proc/<pid>/smaps: another kernel path than smaps_rollup. */
function pssFromSmaps(pid: number): number {
  const kib = [...readFileSync(`/proc/${pid}/smaps`, 'latin1').matchAll(/^Pss:\s+(\d+) kB$/gm)].reduce((sum, [, n]) => sum + Number(n), 0);
  return kib * 1024;
}

describe('memory of a forked tree', () => {
  it(`is the sum of PSS, well below summed RSS, with fork holding ${HELD} connections`, async () => {
    const server = await servers.start('fork');
    await Promise.all(Array.from({ length: HELD }, () => holdConnection(server.port)));
    const sampler = new TreeSampler(server.pid);
    sampler.start();
    await delay(300);
    const independent = processTree(server.pid).reduce((sum, pid) => sum + pssFromSmaps(pid), 0);
    const measured = sampler.stop();

    expect(measured.maxProcesses).toBe(HELD + 1);
    expect(measured.peakPssBytes).toBeGreaterThan(0);
    // A few percent: the two reads are a moment apart on a live tree.
    expect(Math.abs(measured.peakPssBytes - independent) / independent).toBeLessThan(0.05);
    expect(measured.peakPssBytes).toBeLessThan(0.5 * measured.peakRssBytes);
  });
});
