/**
 * Where a capacity curve bends, over time: msgs/s, p99 and the server's CPU per interval at each model's
 * knee, taken as its first failing step (the lowest rate it could not sustain: where the queue starts to
 * grow), or its largest passing step where no step failed.
 */
import { num } from '../../results/format.js';
import type { ResultRow } from '../../results/schema.js';
import { searchedModels } from '../capacity-rows.js';
import { INTERVAL_METRICS, intervalValues } from './interval-values.js';
import { colourByModel, PLAIN_TICKS, rowFields, type ChartDefinition } from './spec.js';

/** The knee step of each searched model that has a time series, with its facet label. */
export function kneeSteps(rows: readonly ResultRow[]): { row: ResultRow; label: string }[] {
  return searchedModels(rows).flatMap((searched) => {
    const row = searched.atFirstFail ?? searched.atSustained;
    if (!row?.intervals) return [];
    const which = row === searched.atFirstFail ? 'first failing rate' : 'largest passing rate; no step failed';
    return [{ row, label: `${row.model} at ${num(row.targetRate!)} msgs/s (${which})` }];
  });
}

const MEASURED = 'per interval';
const OFFERED = 'offered rate';

export const overTime: ChartDefinition = {
  name: 'over-time',
  scenario: 'capacity',
  title: 'At the knee, over time: messages/s, p99 and server CPU per interval',
  caption:
    'For each model, the capacity search’s first failing step (the lowest offered rate it could not sustain; its largest passing step ' +
    'where none failed), cut into intervals on one clock shared by the generators and the server sampler: the messages answered ' +
    'per second, the p99 latency of the answers of each interval (from the intended send time) and the server’s CPU. The dashed line is the ' +
    'offered rate. A p99 that climbs from interval to interval while msgs/s stays below the offered rate is a queue growing; CPU pinned at ' +
    '100 % is one core busy. Search steps are short, so each shows only a few intervals: bench --interval 20ms cuts them finer.',
  build(results) {
    const knees = kneeSteps(results.results);
    if (knees.length === 0) return null;
    const rows = knees.map((knee) => knee.row);
    const values = knees.flatMap(({ row, label }) => [
      ...intervalValues(row, { ...rowFields(row), knee: label, line: MEASURED }),
      // The offered rate, on the msgs/s panel only: a dashed line across the step.
      ...[0, row.intervals!.spanMs / 1000].map((tS) => ({ ...rowFields(row), knee: label, line: OFFERED, metric: INTERVAL_METRICS[0].title, tS, value: row.targetRate })),
    ]);
    const x = { field: 'tS', type: 'quantitative', title: 'Time in measured interval (s)', scale: { domainMin: 0 }, axis: { tickCount: 4 } };
    return {
      rows,
      subtitle: `${rows[0]!.messageSize} B messages, ${rows[0]!.connections} connections, open loop; ${rows[0]!.intervals!.intervalMs} ms intervals`,
      body: {
        data: { values },
        facet: {
          row: { field: 'knee', type: 'nominal', title: null, sort: knees.map((knee) => knee.label), header: { labelAngle: 0, labelAlign: 'left', labelLimit: 400 } },
          column: { field: 'metric', type: 'nominal', title: null, sort: INTERVAL_METRICS.map((metric) => metric.title) },
        },
        spec: {
          width: 200,
          height: 80,
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: null, axis: PLAIN_TICKS },
            color: colourByModel(rows),
            strokeDash: { field: 'line', type: 'nominal', title: null, sort: [MEASURED, OFFERED], scale: { domain: [MEASURED, OFFERED], range: [[1, 0], [4, 3]] } },
          },
        },
        resolve: { scale: { y: 'independent' } },
        spacing: 10,
      },
    };
  },
};
