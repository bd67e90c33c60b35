/** Samples the server's whole process tree from /proc about 10 times a second: CPU, RSS, processes, threads. */
import { CLOCK_TICKS, treeUsage } from './proc.js';
import type { ResultRow, ServerSample } from '../../results/schema.js';

export class TreeSampler {
  private readonly series: ServerSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private firstTicks = { user: 0, system: 0 };
  private lastTicks = 0;
  private lastAt = 0;
  private lastSeen = { utime: 0, stime: 0 };

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    const usage = treeUsage(this.rootPid);
    this.startedAt = this.lastAt = performance.now();
    this.firstTicks = { user: usage.utime, system: usage.stime };
    this.lastSeen = usage;
    this.lastTicks = usage.utime + usage.stime;
    this.timer = setInterval(() => this.sample(), this.intervalMs).unref();
  }

  /** Stop sampling and summarise the interval since start(). */
  stop(): NonNullable<ResultRow['server']> {
    clearInterval(this.timer);
    // If the server died, its last sample before death is what it used.
    const final = this.sample() ?? this.lastSeen;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const percentOf = (ticks: number) => (seconds > 0 ? (100 * ticks) / CLOCK_TICKS / seconds : 0);
    const userPercent = percentOf(final.utime - this.firstTicks.user);
    const systemPercent = percentOf(final.stime - this.firstTicks.system);
    return {
      cpuPercent: userPercent + systemPercent,
      userPercent,
      systemPercent,
      peakRssBytes: Math.max(0, ...this.series.map((s) => s.rssBytes)),
      maxProcesses: Math.max(0, ...this.series.map((s) => s.processes)),
      maxThreads: Math.max(0, ...this.series.map((s) => s.threads)),
      series: this.series,
    };
  }

  /** One sample, or undefined once the tree is gone. */
  private sample() {
    const usage = treeUsage(this.rootPid);
    if (usage.processes === 0) return undefined;
    this.lastSeen = usage;
    const now = performance.now();
    const ticks = usage.utime + usage.stime;
    const seconds = (now - this.lastAt) / 1000;
    this.series.push({
      tMs: Math.round(now - this.startedAt),
      cpuPercent: seconds > 0 ? Math.max(0, (100 * (ticks - this.lastTicks)) / CLOCK_TICKS / seconds) : 0,
      rssBytes: usage.rssBytes,
      processes: usage.processes,
      threads: usage.threads,
    });
    this.lastTicks = ticks;
    this.lastAt = now;
    return usage;
  }
}
