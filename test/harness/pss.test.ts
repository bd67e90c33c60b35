/** PSS read from smaps_rollup: the parser, and how often the sampler pays for a read. */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parsePssBytes, readPssBytes } from '../../src/harness/proc/pss.js';
import { readStat } from '../../src/harness/proc/proc.js';
import { TreeSampler } from '../../src/harness/server/sampler.js';

/** A real smaps_rollup (kernel 6.18), with every line that holds "Pss" given a different value. */
const ROLLUP = `56468d187000-7ffd37e47000 ---p 00000000 00:00 0                          [rollup]
Rss:                1676 kB
Pss:                 210 kB
Pss_Dirty:           116 kB
Pss_Anon:            117 kB
Pss_File:             94 kB
Pss_Shmem:             3 kB
Shared_Clean:       1516 kB
Private_Dirty:       116 kB
Swap:                  0 kB
SwapPss:              12 kB
Locked:                0 kB
`;

describe('parsePssBytes', () => {
  it('reads the Pss line in bytes, not Pss_* or SwapPss', () => {
    expect(parsePssBytes(ROLLUP)).toBe(210 * 1024);
  });

  it('finds the Pss line wherever it stands', () => {
    const moved = ROLLUP.replace(/^Pss: .*\n/m, '') + 'Pss:                 333 kB\n';
    expect(parsePssBytes(moved)).toBe(333 * 1024);
  });

  it('says undefined when there is no Pss line (a zombie reads empty)', () => {
    expect(parsePssBytes('')).toBeUndefined();
    expect(parsePssBytes(ROLLUP.replace(/^Pss: .*\n/m, ''))).toBeUndefined();
  });

  it('reads this process: some PSS, no more than its RSS', () => {
    const pss = readPssBytes(process.pid)!;
    expect(pss).toBeGreaterThan(0);
    expect(pss).toBeLessThanOrEqual(readStat(process.pid)!.rssBytes * 1.05); // read a moment apart
    expect(parsePssBytes(readFileSync('/proc/self/smaps_rollup', 'latin1'))).toBeGreaterThan(0);
  });

  it('says undefined for a process that is gone', () => {
    expect(readPssBytes(2 ** 22 + 1)).toBeUndefined(); // above pid_max's ceiling: never a live pid
  });
});

describe('TreeSampler', () => {
  it('reads PSS once a second, at a window end and at the end, and RSS at every tick', async () => {
    const sampler = new TreeSampler(process.pid, 50, { everyMs: 1000, maxCpuShare: 1 });
    sampler.start();
    await delay(1600);
    sampler.windowEnded();
    await delay(200);
    const server = sampler.stop();
    const withPss = server.series.filter((s) => s.pssBytes !== null);
    // Ticks at ~0.05 s and ~1.05 s, the window end and the end: four reads against ~35 ticks (three if a
    // busy machine stalls the timers past the second; never one per tick, which is what this guards).
    expect(server.series.length).toBeGreaterThan(10);
    expect(withPss.length).toBeGreaterThanOrEqual(3);
    expect(withPss.length).toBeLessThanOrEqual(4);
    expect(server.series.every((s) => s.rssBytes > 0)).toBe(true);
    expect(server.series.at(-1)!.pssBytes).not.toBeNull();
    expect(server.peakPssBytes).toBe(Math.max(...withPss.map((s) => s.pssBytes!)));
    expect(server.peakPssBytes).toBeGreaterThan(0);
  });

  it('spaces PSS reads out to keep them under their share of a core', async () => {
    // Any read takes longer than a share this small allows, so after the first tick's read the next is
    // hours away: only the window end and the end read PSS again.
    const sampler = new TreeSampler(process.pid, 50, { everyMs: 100, maxCpuShare: 1e-9 });
    sampler.start();
    await delay(600);
    sampler.windowEnded();
    const server = sampler.stop();
    expect(server.series.length).toBeGreaterThan(5);
    expect(server.series.filter((s) => s.pssBytes !== null).length).toBe(3);
  });
});
