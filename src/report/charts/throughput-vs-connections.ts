/** Throughput against connection count for the echo-small sweep: who scales with concurrency. */
import { rowsOf } from '../rows.js';
import { colourByModel, rowFields, shapeByStatus, type ChartDefinition } from './spec.js';

export const throughputVsConnections: ChartDefinition = {
  name: 'throughput-vs-connections',
  scenario: 'echo-small',
  title: 'Throughput vs connections (echo-small)',
  caption:
    'Messages echoed per second (median of the repeats, bar = 95 % confidence interval) as the number of concurrent ' +
    'closed-loop connections grows. A model that serves connections concurrently rises with connections until the ' +
    'CPU is saturated; one that serves them one at a time stays flat.',
  build(results) {
    const rows = rowsOf(results.results, 'echo-small');
    if (rows.length === 0) return null;
    const values = rows.map((row) => ({
      ...rowFields(row),
      connections: row.connections,
      msgs: row.msgsPerSec.median,
      lo: row.msgsPerSec.ci95[0],
      hi: row.msgsPerSec.ci95[1],
      drawn: row.status !== 'failed',
    }));
    const connectionCounts = [...new Set(rows.map((row) => row.connections))];
    const x = {
      field: 'connections',
      type: 'quantitative',
      title: 'Concurrent connections (log scale)',
      scale: { type: 'log', base: 2 },
      axis: { values: connectionCounts, format: 'd' },
    };
    const colour = colourByModel(rows);
    return {
      rows,
      subtitle: `${rows[0]!.messageSize} B messages, closed loop, pipelining ${rows[0]!.pipelining}`,
      body: {
        width: 560,
        height: 320,
        data: { values },
        layer: [
          { transform: [{ filter: 'datum.drawn' }], mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'msgs', type: 'quantitative' }, color: colour } },
          { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: colour } },
          {
            mark: { type: 'point', filled: true, size: 80 },
            encoding: {
              x,
              y: { field: 'msgs', type: 'quantitative', title: 'Throughput (msgs/s, median of repeats)' },
              color: colour,
              shape: shapeByStatus(rows),
            },
          },
        ],
      },
    };
  },
};
