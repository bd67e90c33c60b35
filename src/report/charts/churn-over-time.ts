/**
 * The server during connection churn, over time: where fork and worker start and stop a child per
 * connection; with the messages answered and their p99 per interval of the row's time series beside it.
 */
import { MIB } from '../../results/format.js';
import { rowsOf } from '../rows.js';
import { colourByModel, opacityByStatus, PLAIN_TICKS, rowFields, type ChartDefinition, type VlSpec } from './spec.js';
import type { ResultRow } from '../../results/schema.js';

/** From the rows' time series (row.intervals): drawn when a row has one (results from before it had none). */
const INTERVAL_METRICS = [
  // Per interval, from the interval's start on.
  { field: 'msgsPerSec', title: 'Messages/s (per interval)', interpolate: 'step-after' },
  { field: 'p99Ms', title: 'p99 latency (ms, per interval)', interpolate: 'step-after' },
] as const;

/**
 * A sample's CPU is a rate over the span since the last sample with a CPU figure (one too short or read
 * too slowly to time has none), so it is drawn back to that sample (step-before); the other figures are
 * read at their sample and hold from it on. PSS is read on fewer samples, CPU missing on some: their
 * lines join the samples that have them.
 */
const METRICS = [
  { field: 'cpu', title: 'CPU (%; 100 = one core)', interpolate: 'step-before' },
  { field: 'pssMiB', title: 'Memory (PSS, MiB, all processes)', interpolate: 'step-after' },
  { field: 'processes', title: 'Processes', interpolate: 'step-after' },
  { field: 'threads', title: 'Threads', interpolate: 'step-after' },
] as const;

export const churnOverTime: ChartDefinition = {
  name: 'churn-server-over-time',
  scenario: 'churn',
  title: 'Server CPU, memory, processes and threads during churn',
  caption:
    'Every connection sends one message and closes, and each connector reconnects at once, so the servers accept ' +
    'connections as fast as they can. Sampled from /proc about ten times a second, memory (PSS: pages shared between ' +
    'processes count once) once a second and at the end of each window; time 0 is the start of the ' +
    'measured interval (repeats follow one another). Models that start a process or a thread per connection show ' +
    'it here as extra processes or threads and the memory they hold. The first two panels are the time series on the ' +
    'same clock: messages answered per second (one per connection here) and their p99, per interval (--interval, 100 ms by default). ' +
    'A CPU step covers the span its sample measured, back to the last sample with a CPU figure (a sample too soon after it, or read too ' +
    'slowly to time, has none).',
  build(results) {
    // Only rows whose server was sampled (not an external target's).
    const rows = rowsOf(results.results, 'churn').filter((row) => (row.server?.series.length ?? 0) > 0);
    if (rows.length === 0) return null;
    const values: Record<string, unknown>[] = rows.flatMap((row) =>
      row.server!.series.map((sample) => ({
        ...rowFields(row),
        tS: sample.tMs / 1000,
        cpu: sample.cpuPercent,
        pssMiB: sample.pssBytes === null ? null : sample.pssBytes / MIB,
        processes: sample.processes,
        threads: sample.threads,
      })),
    );
    values.push(...rows.flatMap(intervalData));
    const panel = (metric: (typeof METRICS)[number] | (typeof INTERVAL_METRICS)[number]): VlSpec => ({
      transform: [{ filter: `datum.${metric.field} != null` }],
      width: 300,
      height: 150,
      mark: { type: 'line', strokeWidth: 1.5, interpolate: metric.interpolate },
      encoding: {
        x: { field: 'tS', type: 'quantitative', title: 'Time in measured interval (s)', axis: { tickCount: 6 }, scale: { domainMin: 0 } },
        y: { field: metric.field, type: 'quantitative', title: metric.title, axis: PLAIN_TICKS },
        color: colourByModel(rows),
        opacity: opacityByStatus(rows),
        detail: { field: 'point' },
      },
    });
    return {
      rows,
      subtitle: `${rows[0]!.connections} concurrent connectors, one ${rows[0]!.messageSize} B message per connection`,
      body: { data: { values }, columns: 2, concat: [...(rows.some((row) => row.intervals) ? INTERVAL_METRICS : []), ...METRICS].map(panel), spacing: 16 },
    };
  },
};

/** The row's time series as data for the first two panels: interval start, msgs/s and p99 where measured. */
function intervalData(row: ResultRow): Record<string, unknown>[] {
  const series = row.intervals;
  if (!series) return [];
  return series.messages.map((_, k) => ({
    ...rowFields(row),
    tS: (k * series.intervalMs) / 1000,
    msgsPerSec: series.msgsPerSec[k],
    p99Ms: series.p99Us[k] === null ? null : series.p99Us[k]! / 1000,
  }));
}
