/** The time series' arithmetic: generator intervals merged exactly, the server's use cut on the same boundaries, results.json kept compact. */
import { describe, expect, it } from 'vitest';
import { encode, newHistogram } from '../../src/harness/load/histogram.js';
import type { IntervalReport } from '../../src/harness/load/interval-recorder.js';
import { mergeIntervals } from '../../src/harness/rows/interval-series.js';
import { usagePerInterval, type UsageRead } from '../../src/harness/server/interval-usage.js';
import { CLOCK_TICKS } from '../../src/harness/proc/proc.js';
import { compactJson } from '../../src/harness/output/compact-json.js';

const grid = { originMs: 1_000_000, intervalMs: 100 };

function histogramOf(values: number[]): string {
  const h = newHistogram();
  for (const v of values) h.recordValue(v);
  return encode(h);
}

describe('mergeIntervals', () => {
  it("adds the processes' histograms interval by interval: percentiles of the union, not averages of percentiles", () => {
    // Process A answers fast; process B, in interval 1 only, slowly. Averaging the two p99s would give about 5 ms.
    const a: IntervalReport = { grid, startMs: grid.originMs + 2, endMs: grid.originMs + 250, latency: [histogramOf(Array(99).fill(100)), histogramOf(Array(99).fill(100)), null], errors: [0, 1, 0] };
    const b: IntervalReport = { grid, startMs: grid.originMs + 3, endMs: grid.originMs + 300, latency: [null, histogramOf([10_000]), histogramOf([200, 200])], errors: [2, 0, 0] };
    const { series, histograms } = mergeIntervals([a, b], undefined);
    expect(series.messages).toEqual([99, 100, 2]);
    // A p99 needs 100 answers (results/latency-support.ts): intervals 0 and 2 have fewer.
    expect(series.p99Us).toEqual([null, 100, null]);
    expect(series.maxUs[1]).toBeGreaterThanOrEqual(10_000);
    expect(series.p50Us).toEqual([100, 100, 200]);
    expect(series.errors).toEqual([2, 1, 0]);
    expect(histograms.map((h) => h.totalCount)).toEqual([99, 100, 2]);
    // Interval 0 was measured from 2 ms on; the last ends with the last window, 300 ms after the origin.
    expect(series.firstMs).toBe(2);
    expect(series.spanMs).toBe(300);
    expect(series.msgsPerSec).toEqual([Math.round(99 / 0.098), 1000, 20]);
    expect(series.serverCpuPercent).toBeNull();
  });

  it('gives no rate for a last sliver too short to measure one, and an interval with no answer no latency', () => {
    const only: IntervalReport = { grid, startMs: grid.originMs, endMs: grid.originMs + 210, latency: [histogramOf([50]), null, histogramOf([70])], errors: [0, 0, 0] };
    const { series } = mergeIntervals([only], undefined);
    expect(series.msgsPerSec).toEqual([10, 0, null]);
    expect(series.messages).toEqual([1, 0, 1]);
    expect(series.p99Us[1]).toBeNull();
    expect(series.maxUs[1]).toBeNull();
  });
});

describe('usagePerInterval', () => {
  const tick = 1000 / CLOCK_TICKS; // ms of CPU per clock tick
  const read = (atMs: number, cpuMs: number, rssMiB: number, pssMiB: number | null = null): UsageRead => ({
    atMs: grid.originMs + atMs,
    ticks: cpuMs / tick,
    rssBytes: rssMiB * 2 ** 20,
    pssBytes: pssMiB === null ? null : pssMiB * 2 ** 20,
  });

  it('cuts the CPU time at the boundaries, and reports RSS and PSS only where a read fell in the interval', () => {
    // 50 ms of CPU in the first 100 ms, 100 ms in the second (a whole core), 20 in the third; no read in [300, 400).
    const reads = [read(0, 0, 10), read(100, 50, 11, 5), read(200, 150, 12), read(300, 170, 13), read(450, 170, 14, 6)];
    const usage = usagePerInterval(reads, grid.originMs, 100, 5, grid.originMs + 450);
    expect(usage.cpuPercent).toEqual([50, 100, 20, 0, 0]);
    expect(usage.rssMiB).toEqual([10, 11, 12, 13, 14]);
    expect(usage.pssMiB).toEqual([null, 5, null, null, 6]);
    // One tick of CPU over a 100 ms interval: the step its CPU is counted in.
    expect(usage.cpuResolutionPercent).toBe(tick);
  });

  it('interpolates between reads off the boundaries, and knows nothing past the last read', () => {
    const reads = [read(0, 0, 10), read(150, 150, 10)];
    const usage = usagePerInterval(reads, grid.originMs, 100, 3, grid.originMs + 290);
    expect(usage.cpuPercent).toEqual([100, null, null]);
    expect(usage.rssMiB).toEqual([10, 10, null]);
  });

  it('gives no CPU across a gap in the reads longer than an interval and a half (the harness read late)', () => {
    const reads = [read(0, 0, 10), read(100, 50, 10), read(400, 200, 10), read(500, 250, 10)];
    const usage = usagePerInterval(reads, grid.originMs, 100, 5, grid.originMs + 500);
    expect(usage.cpuPercent).toEqual([50, null, null, null, 50]);
    expect(usage.rssMiB).toEqual([10, 10, null, null, 10]);
  });
});

describe('compactJson', () => {
  it('parses back to what JSON.stringify gives, with arrays of scalars on one line', () => {
    const value = { a: [1, 2.5, null, 'x', true], b: { c: [], d: [{ e: 1 }, [3, 4]], f: undefined, g: new Date(0) }, h: [undefined, 1], i: Number.NaN };
    const text = compactJson(value);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(text).toContain('"a": [1,2.5,null,"x",true]');
    expect(text).toContain('    "d": [\n      {\n        "e": 1\n      },\n      [3,4]\n    ]');
  });
});
