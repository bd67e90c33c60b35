/**
 * A point's time series through the real path (two generator processes, runPoint, the sampler): the
 * intervals' counts add up to the row's, a server stall lands in the intervals it happened in, and the
 * .hlog read back with HdrHistogram's HistogramLogReader gives the row's figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GeneratorPool } from '../../src/harness/load/generator-pool.js';
import { newHistogram } from '../../src/harness/load/histogram.js';
import { sharedNow } from '../../src/harness/load/shared-clock.js';
import { planPlacement } from '../../src/harness/plan/placement.js';
import { runPoint } from '../../src/harness/run/run-point.js';
import type { Timing } from '../../src/harness/plan/timing.js';
import { ResultsWriter } from '../../src/harness/output/results-writer.js';
import type { ResultRow } from '../../src/results/schema.js';
import { expand, type Scenario } from '../../src/scenarios/scenario.js';
import { serverPool } from '../helpers/servers.js';

const servers = serverPool();
const pool = new GeneratorPool(2);
const sockets = new Set<net.Socket>();
let stallServer: net.Server | undefined;
const out = mkdtempSync(join(tmpdir(), 'echolab-intervals-'));
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise((resolve) => (stallServer ? stallServer.close(resolve) : resolve(undefined)));
  stallServer = undefined;
  await servers.cleanup();
});
afterAll(() => {
  pool.kill();
  rmSync(out, { recursive: true, force: true });
});

const placement = planPlacement('rest', 2, false);
const timing: Timing = { warmupMs: 200, windowMs: 600, repeats: 2, connectTimeoutMs: 3000, answerTimeoutMs: 5000, intervalMs: 100 };
const closed: Scenario = { name: 'test-series', description: 'test', kind: 'closed-loop', parameters: { connections: [4], messageSize: [64] } };

/** Every interval histogram of an .hlog, read with HdrHistogram's own reader; and its start time (ms since the epoch). */
function readLog(text: string): { intervals: hdr.Histogram[]; startMs: number } {
  const reader = new hdr.HistogramLogReader(text);
  const intervals: hdr.Histogram[] = [];
  for (let h = reader.nextIntervalHistogram(); h !== null; h = reader.nextIntervalHistogram()) intervals.push(h);
  return { intervals, startMs: reader.startTimeSec * 1000 };
}

describe('time series per interval', () => {
  it('counts answers per interval that add up to the row, and writes an .hlog whose histograms give the row its figures', async () => {
    pool.ensure(null);
    const server = await servers.start('event-loop');
    const [point] = expand(closed);
    const measured = await runPoint(point!, { model: 'event-loop', host: server.host, port: server.port, pid: server.pid, stats: server.stats }, timing, pool, placement);
    const { row } = measured;
    expect(row.status).toBe('ok');
    const series = row.intervals!;
    // Two windows of 600 ms in 100 ms intervals: at least 12 of them.
    expect(series.messages.length).toBeGreaterThanOrEqual(12);
    expect(series.messages.reduce((a, b) => a + b, 0)).toBe(row.latencyUs.count);
    for (const figure of [series.msgsPerSec, series.p50Us, series.p99Us, series.maxUs, series.errors, series.serverCpuPercent!, series.serverRssMiB!, series.serverPssMiB!]) {
      expect(figure).toHaveLength(series.messages.length);
    }
    expect(Math.max(...series.maxUs.map((us) => us ?? 0))).toBe(row.latencyUs.max);
    // The server was sampled on the same grid: RSS where a read fell in the interval, CPU where reads
    // were near its boundaries. A read the busy harness made late leaves a null, never a 0.
    for (const figure of [series.serverRssMiB!, series.serverCpuPercent!]) {
      expect(figure.filter((value) => value !== null).length).toBeGreaterThan(series.messages.length / 2);
    }
    expect(series.serverRssMiB!.every((mib) => mib === null || mib > 0)).toBe(true);

    const writer = new ResultsWriter(out, 'run');
    const saved = writer.withIntervalLog(measured, 7);
    expect(saved.intervals!.hlog).toBe(join('hlog', '007-test-series-event-loop.hlog'));
    expect(row.intervals!.hlog, 'the measured row is left as it was').toBeUndefined();
    expect(JSON.stringify(saved), 'results.json does not hold the log itself').not.toContain(measured.hlog);
    const { intervals } = readLog(readFileSync(join(writer.dir, saved.intervals!.hlog!), 'utf8'));
    expect(intervals.map((h) => h.totalCount)).toEqual(series.messages);
    const all = newHistogram();
    for (const histogram of intervals) all.add(histogram);
    expect(all.totalCount).toBe(row.latencyUs.count);
    expect([50, 90, 99, 99.9].map((p) => all.getValueAtPercentile(p))).toEqual([row.latencyUs.p50, row.latencyUs.p90, row.latencyUs.p99, row.latencyUs.p999]);
    expect(all.maxValue).toBe(row.latencyUs.max);
  });

  it('shows a server stall in the intervals it happened in', async () => {
    pool.ensure(null);
    const STALL_MS = 400;
    // An echo server that, a while after the first message (well inside the measured windows), holds every echo for STALL_MS.
    let stall: { from: number; to: number } | undefined;
    let begin: NodeJS.Timeout | undefined;
    const held: [net.Socket, Buffer][] = [];
    const startStall = () => {
      const from = sharedNow();
      stall = { from, to: from + STALL_MS };
      setTimeout(() => {
        stall!.to = sharedNow(); // when the echoes really went
        for (const [socket, chunk] of held.splice(0)) socket.write(chunk);
      }, STALL_MS);
    };
    stallServer = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => {
        begin ??= setTimeout(startStall, timing.warmupMs + 700);
        if (stall && sharedNow() < stall.to) held.push([socket, chunk]);
        else socket.write(chunk);
      });
    });
    await new Promise<void>((resolve) => stallServer!.listen(0, '127.0.0.1', resolve));
    const port = (stallServer.address() as net.AddressInfo).port;

    const [point] = expand(closed);
    let row: ResultRow;
    let hlog: string;
    try {
      // 20 ms intervals: fine enough that a misplaced answer lands in an interval the test can tell.
      ({ row, hlog } = await runPoint(point!, { model: 'external', host: '127.0.0.1', port, pid: undefined, stats: undefined }, { ...timing, windowMs: 1000, repeats: 2, intervalMs: 20 }, pool, placement));
    } finally {
      clearTimeout(begin);
    }
    // Two windows of 1 s: the stall, 0.9 s after the first message, falls within them.
    expect(stall, 'the stall happened').toBeDefined();
    const { from, to } = stall!;
    const { startMs } = readLog(hlog);
    const series = row.intervals!;
    expect(series.serverCpuPercent, 'an external server is not sampled').toBeNull();
    const start = (k: number) => startMs + k * series.intervalMs;
    // Leave 25 ms either side for the last echoes before the stall and the delivery of the held ones.
    const MARGIN = 25;
    const inside = series.messages.map((_, k) => k).filter((k) => start(k) > from + MARGIN && start(k + 1) < to - MARGIN);
    const before = series.messages.map((_, k) => k).filter((k) => start(k + 1) < from - MARGIN);
    expect(inside.length, 'intervals wholly inside the stall').toBeGreaterThanOrEqual(10);
    expect(before.length).toBeGreaterThanOrEqual(10);
    for (const k of inside) expect(series.messages[k], `interval ${k}, inside the stall`).toBe(0);
    for (const k of before) expect(series.messages[k], `interval ${k}, before the stall`).toBeGreaterThan(0);
    // The held echoes come back as slow as the stall was long, in the first interval with answers after
    // the stall began (the release, as the generator saw it: a loaded generator reads it late), and no
    // interval has a slower answer.
    const slowest = series.maxUs.indexOf(Math.max(...series.maxUs.map((us) => us ?? 0)));
    const release = series.messages.findIndex((messages, k) => start(k) > from + MARGIN && messages > 0);
    expect(start(slowest + 1), 'the slowest answers came back after the release').toBeGreaterThan(to);
    expect(slowest, 'the slowest answers came back at the release').toBe(release);
    expect(series.maxUs[slowest]!).toBeGreaterThanOrEqual((to - from) * 1000 * 0.9);
    for (const k of before) expect(series.maxUs[k]!, `interval ${k}, before the stall`).toBeLessThan((to - from) * 1000 * 0.9);
  });
});
