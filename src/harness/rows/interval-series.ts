/**
 * A point's time series from its generator processes' interval reports and the sampler: each interval's
 * histograms merged exactly (decoded and added, never averaged percentiles), its figures read from the
 * merged histogram, the server's use beside them.
 */
import { decode, newHistogram, type Histogram } from '../load/histogram.js';
import { supported, type Percentile } from '../../results/latency-support.js';
import type { IntervalReport } from '../load/interval-recorder.js';
import type { IntervalUsage } from '../server/interval-usage.js';
import type { IntervalSeries } from '../../results/schema.js';

export interface MergedIntervals {
  series: IntervalSeries;
  /** Per interval, every process's answers in one histogram (µs): what the .hlog holds. */
  histograms: Histogram[];
  /** On the shared clock: the grid's origin and the end of the last measured window. */
  originMs: number;
  endMs: number;
}

/** The number of intervals the reports span (every process reports on the same grid). */
export function intervalCount(reports: readonly IntervalReport[]): number {
  const { originMs, intervalMs } = reports[0]!.grid;
  const endMs = Math.max(...reports.map((r) => r.endMs));
  return Math.max(Math.ceil((endMs - originMs) / intervalMs), ...reports.map((r) => r.latency.length));
}

export function mergeIntervals(reports: readonly IntervalReport[], usage: IntervalUsage | undefined): MergedIntervals {
  const { originMs, intervalMs } = reports[0]!.grid;
  const endMs = Math.max(...reports.map((r) => r.endMs));
  const spanMs = endMs - originMs;
  const firstMs = Math.max(0, Math.min(...reports.map((r) => r.startMs)) - originMs);
  const count = intervalCount(reports);
  const histograms = Array.from({ length: count }, (_, k) => {
    const merged = newHistogram();
    for (const report of reports) {
      const encoded = report.latency[k];
      if (encoded) merged.add(decode(encoded));
    }
    return merged;
  });
  // An interval's percentile, like a row's, only where enough answers back it (results/latency-support.ts).
  const at = (histogram: Histogram, percentile: Percentile, p: number) => supported(percentile, histogram.totalCount, () => histogram.getValueAtPercentile(p));
  // Open loop: how late the interval's messages left, over every process's sends in it.
  const lagged = reports.some((report) => report.sendLag);
  const sendLagP99Us = Array.from({ length: count }, (_, k) => {
    const merged = newHistogram();
    for (const report of reports) {
      const encoded = report.sendLag?.[k];
      if (encoded) merged.add(decode(encoded));
    }
    return at(merged, 'p99', 99);
  });
  // The first interval begins when the first window did, the last ends with the last window: each
  // one's rate is over the part of it that was measured, and a sliver (the windows end a little after
  // a boundary) is too short to give one.
  const lengthSec = (k: number) => Math.max(0, Math.min((k + 1) * intervalMs, spanMs) - Math.max(k * intervalMs, firstMs)) / 1000;
  const rate = (messages: number, k: number) => (lengthSec(k) * 1000 >= intervalMs / 4 ? Math.round(messages / lengthSec(k)) : null);
  const series: IntervalSeries = {
    intervalMs,
    firstMs: Math.round(firstMs),
    spanMs: Math.round(spanMs),
    messages: histograms.map((h) => h.totalCount),
    msgsPerSec: histograms.map((h, k) => rate(h.totalCount, k)),
    p50Us: histograms.map((h) => at(h, 'p50', 50)),
    p99Us: histograms.map((h) => at(h, 'p99', 99)),
    maxUs: histograms.map((h) => (h.totalCount > 0 ? h.maxValue : null)),
    errors: Array.from({ length: count }, (_, k) => reports.reduce((sum, r) => sum + (r.errors[k] ?? 0), 0)),
    ...(lagged ? { sendLagP99Us } : {}),
    serverCpuPercent: usage?.cpuPercent ?? null,
    ...(usage ? { serverCpuResolutionPercent: usage.cpuResolutionPercent } : {}),
    serverRssMiB: usage?.rssMiB ?? null,
    serverPssMiB: usage?.pssMiB ?? null,
  };
  return { series, histograms, originMs, endMs };
}
