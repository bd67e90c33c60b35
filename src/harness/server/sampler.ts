/**
 * Samples the server's whole process tree from /proc: CPU, RSS, processes and threads about 10 times
 * a second, and memory as PSS (see proc/pss.ts) at most once a second, at each window's end and at the end.
 * A PSS read costs many stat reads per process (`npm run bench:micro -- --filter sampler`), so with
 * hundreds of processes it is also spaced out to keep its share of the harness's core small.
 */
import { CLOCK_TICKS, treeUsage, type TreeUsage } from '../proc/proc.js';
import type { ResultRow, ServerSample } from '../../results/schema.js';
import { sharedNow } from '../load/shared-clock.js';
import { usagePerInterval, type IntervalUsage, type UsageRead } from './interval-usage.js';

export interface PssRate {
  /** Read PSS at most this often. */
  everyMs: number;
  /** ...and no more often than keeps the reads under this share of one core (a read of d ms waits d / share ms). */
  maxCpuShare: number;
}

/** The shortest span a sample's CPU figure covers: 5 ticks of /proc's 10 ms, so one tick more or less is 20 %, not 100 %. */
export const MIN_CPU_SPAN_MS = 50;

/**
 * A read's ticks are counted somewhere within the read (the tree's processes one after another), so a
 * sample's span is known only to within its two reads' durations: with those above this share of the
 * span (a harness descheduled mid-read), the sample gets no CPU figure. Timed from the reads' ends, a
 * 60 ms read followed 55 ms later by a quick one showed one core's tree at 200 %.
 */
const MAX_READ_SHARE = 0.2;

export const DEFAULT_PSS_RATE: PssRate = { everyMs: 1000, maxCpuShare: 0.05 };

export class TreeSampler {
  private readonly series: ServerSample[] = [];
  /** Every read on the shared clock, the first at the origin: what a time series' intervals are cut from. */
  private readonly reads: UsageRead[] = [];
  private originMs = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private firstTicks = { user: 0, system: 0 };
  private lastTicks = 0;
  /** The last read that gave a CPU figure (or the first): its middle, and how long it took. */
  private lastAt = 0;
  private lastReadMs = 0;
  private pssDueAt = Number.NEGATIVE_INFINITY;
  private lastSeen = { utime: 0, stime: 0 };

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 100,
    private readonly pssRate = DEFAULT_PSS_RATE,
    private readonly read: (root: number, options: { pss?: boolean }) => TreeUsage = treeUsage,
  ) {}

  /**
   * Start at `originMs` on the shared clock (now, by default): reads then fall on originMs + k·intervalMs,
   * so a time series whose interval is a multiple of the sampler's has a read at each of its boundaries.
   */
  start(originMs = sharedNow()): void {
    const before = performance.now();
    const usage = this.read(this.rootPid, {});
    this.originMs = originMs;
    this.startedAt = performance.now();
    ({ at: this.lastAt, ms: this.lastReadMs } = ticksTime(usage, before, this.startedAt));
    this.firstTicks = { user: usage.utime, system: usage.stime };
    this.lastSeen = usage;
    this.lastTicks = usage.utime + usage.stime;
    this.reads.push({ atMs: sharedNow(), ticks: this.lastTicks, rssBytes: usage.rssBytes, pssBytes: null });
    this.schedule();
  }

  /** The next read on the grid (a chain of timers, not setInterval, whose ticks drift off it). */
  private schedule(): void {
    if (this.stopped) return;
    const now = sharedNow();
    const next = this.originMs + (Math.floor((now - this.originMs) / this.intervalMs) + 1) * this.intervalMs;
    this.timer = setTimeout(() => {
      this.sample();
      this.schedule();
    }, next - now).unref();
  }

  /** The server's CPU, RSS and PSS per interval of a time series that starts at this sampler's origin. */
  perInterval(intervalMs: number, count: number, endMs: number): IntervalUsage {
    return usagePerInterval(this.reads, this.originMs, intervalMs, count, endMs);
  }

  /** A measured window has ended: read its memory now, not up to a second later. */
  windowEnded(): void {
    this.sample(true);
  }

  /** Stop sampling and summarise the interval since start(). */
  stop(): NonNullable<ResultRow['server']> {
    this.stopped = true;
    clearTimeout(this.timer);
    // If the server died, its last sample before death is what it used.
    const final = this.sample(true) ?? this.lastSeen;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const percentOf = (ticks: number) => (seconds > 0 ? (100 * ticks) / CLOCK_TICKS / seconds : 0);
    const userPercent = percentOf(final.utime - this.firstTicks.user);
    const systemPercent = percentOf(final.stime - this.firstTicks.system);
    const peak = (bytes: (s: ServerSample) => number | null) => Math.max(0, ...this.series.map((s) => bytes(s) ?? 0));
    return {
      cpuPercent: userPercent + systemPercent,
      ...(seconds > 0 ? { cpuResolutionPercent: percentOf(1) } : {}),
      userPercent,
      systemPercent,
      peakPssBytes: peak((s) => s.pssBytes),
      peakRssBytes: peak((s) => s.rssBytes),
      maxProcesses: Math.max(0, ...this.series.map((s) => s.processes)),
      maxThreads: Math.max(0, ...this.series.map((s) => s.threads)),
      series: this.series,
    };
  }

  /** One sample (with PSS when due or asked for), or undefined once the tree is gone. */
  private sample(withPss = false) {
    const before = performance.now();
    const pss = withPss || before >= this.pssDueAt;
    const usage = this.read(this.rootPid, { pss });
    if (usage.processes === 0) return undefined;
    this.lastSeen = usage;
    const now = performance.now();
    const { at, ms } = ticksTime(usage, before, now);
    this.reads.push({ atMs: performance.timeOrigin + at, ticks: usage.utime + usage.stime, rssBytes: usage.rssBytes, pssBytes: usage.pssBytes ?? null });
    if (pss) this.pssDueAt = before + Math.max(this.pssRate.everyMs, (now - before) / this.pssRate.maxCpuShare);
    const ticks = usage.utime + usage.stime;
    const seconds = (at - this.lastAt) / 1000;
    // A window's-end read can follow a timed one by a millisecond: one tick over it would read as 1,000 %.
    // Such a sample gets no CPU figure, nor one whose reads took too long to time it (MAX_READ_SHARE), nor
    // one whose tree lost time (a child reaped while the tree was read, in neither its stat nor its parent's):
    // the next one measures from the last that had a figure.
    const measurable = seconds * 1000 >= MIN_CPU_SPAN_MS && this.lastReadMs + ms <= MAX_READ_SHARE * seconds * 1000 && ticks >= this.lastTicks;
    this.series.push({
      tMs: Math.round(now - this.startedAt),
      cpuPercent: measurable ? (100 * (ticks - this.lastTicks)) / CLOCK_TICKS / seconds : null,
      pssBytes: usage.pssBytes ?? null,
      rssBytes: usage.rssBytes,
      processes: usage.processes,
      threads: usage.threads,
    });
    if (measurable) {
      this.lastTicks = ticks;
      this.lastAt = at;
      this.lastReadMs = ms;
    }
    return usage;
  }
}

/** When a read counted its ticks: the middle of the span it read them in, and that span's length (ms). */
function ticksTime(usage: TreeUsage, before: number, after: number): { at: number; ms: number } {
  const { from, to } = usage.ticksReadMs ?? { from: before, to: after };
  return { at: (from + to) / 2, ms: to - from };
}
