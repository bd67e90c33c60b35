/** A row's time series (row.intervals) as chart data: one datum per interval and figure, time at the interval's start, unmeasured figures left out. */
import type { IntervalSeries, ResultRow } from '../../results/schema.js';

export const INTERVAL_METRICS = [
  { key: 'msgsPerSec', title: 'Messages/s', scale: 1 },
  { key: 'p99Us', title: 'p99 latency (ms)', scale: 1 / 1000 },
  { key: 'serverCpuPercent', title: 'Server CPU (%; 100 = one core)', scale: 1 },
] as const satisfies readonly { key: keyof IntervalSeries; title: string; scale: number }[];

export type IntervalMetric = (typeof INTERVAL_METRICS)[number];

/** `extra` fields go on every datum (the row's model, its label). */
export function intervalValues(row: ResultRow, extra: Record<string, unknown>, metrics: readonly IntervalMetric[] = INTERVAL_METRICS): Record<string, unknown>[] {
  const series = row.intervals;
  if (!series) return [];
  return metrics.flatMap((metric) =>
    (series[metric.key] ?? []).flatMap((value, k) =>
      value === null ? [] : [{ ...extra, metric: metric.title, tS: (k * series.intervalMs) / 1000, value: value * metric.scale }],
    ),
  );
}
