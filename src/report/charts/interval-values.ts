/** A row's time series (row.intervals) as chart data: one datum per interval and figure, time at the interval's start, unmeasured figures left out. */
import type { IntervalSeries, ResultRow } from '../../results/schema.js';

export const INTERVAL_METRICS = [
  { key: 'msgsPerSec', title: 'Messages/s', per: 1 },
  { key: 'p99Us', title: 'p99 latency (ms)', per: 1000 },
  { key: 'serverCpuPercent', title: 'Server CPU (%; 100 = one core)', per: 1 },
] as const satisfies readonly { key: keyof IntervalSeries; title: string; per: number }[];

export type IntervalMetric = (typeof INTERVAL_METRICS)[number];

/**
 * For a step line (interpolate 'step-after'): each measured interval's value at its start, and the last
 * one's again at its end, so the last step has its width. `extra` fields go on every datum (the row's model, its label).
 */
export function intervalValues(row: ResultRow, extra: Record<string, unknown>, metrics: readonly IntervalMetric[] = INTERVAL_METRICS): Record<string, unknown>[] {
  const series = row.intervals;
  if (!series) return [];
  const seconds = (ms: number) => Math.min(ms, series.spanMs) / 1000;
  return metrics.flatMap((metric) => {
    const points = (series[metric.key] ?? []).flatMap((value, k) =>
      value === null ? [] : [{ ...extra, metric: metric.title, tS: seconds(k * series.intervalMs), value: value / metric.per, k }],
    );
    const last = points.at(-1);
    if (last) points.push({ ...last, tS: seconds((last.k + 1) * series.intervalMs) });
    return points.map(({ k: _k, ...datum }) => datum);
  });
}
