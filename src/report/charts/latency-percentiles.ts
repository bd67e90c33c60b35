/** p50 and p99 latency per model for every scenario point: how far the tail sits from the median. */
import { pointLabel, sortRows } from '../rows.js';
import { colourByModel, latencyScale, rowFields, shapeByStatus, type ChartDefinition } from './spec.js';

export const latencyPercentiles: ChartDefinition = {
  name: 'latency-percentiles',
  title: 'Latency p50 and p99 per scenario',
  caption:
    'One panel per scenario point; each model is a line from its median (p50) to its 99th-percentile (p99) ' +
    'round-trip latency, on a log scale. A steep line means a long tail: a few messages waited much longer ' +
    'than the typical one. Rows with no answered message (failed) are left out.',
  build(results) {
    const rows = sortRows(results).filter((row) => row.latencyUs.count > 0 && !row.rateSearch);
    if (rows.length === 0) return null;
    const values = rows.flatMap((row) =>
      (['p50', 'p99'] as const).map((percentile) => ({ ...rowFields(row), percentile, latencyUs: Math.max(1, row.latencyUs[percentile]) })),
    );
    const points = [...new Set(rows.map(pointLabel))];
    const x = { field: 'percentile', type: 'ordinal', title: null, axis: { labelAngle: 0 } };
    const y = { field: 'latencyUs', type: 'quantitative', ...latencyScale('Latency (log scale)') };
    const colour = colourByModel(rows);
    return {
      rows,
      subtitle: 'Round trip from send (closed loop) or from intended send time (open loop); median and 99th percentile over all repeats',
      body: {
        data: { values },
        columns: 4,
        facet: { field: 'point', type: 'ordinal', sort: points, title: null, header: { labelFontWeight: 'bold' } },
        spec: {
          width: 120,
          height: 170,
          layer: [
            { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color: colour, detail: { field: 'model' } } },
            { mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y, color: colour, shape: shapeByStatus(rows) } },
          ],
        },
      },
    };
  },
};
