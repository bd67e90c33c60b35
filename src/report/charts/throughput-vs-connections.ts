/** Throughput against connection count for the echo-small sweep: who scales with concurrency. */
import { rowsOf } from '../rows.js';
import { linearPixel, logPixel, logTicks, spreadLabels } from './spread-labels.js';
import { colourByModel, estimateFields, haloText, logFloor, modelAxis, rowFields, shapeByStatus, starvedField, type ChartDefinition } from './spec.js';

const HEIGHT = 320;
/** Starved labels at least a line of text apart. */
const LABEL_GAP = 13;
/** A starved label sits this far above its point's centre, clear of the marker. */
const LABEL_RISE = 8;

export const throughputVsConnections: ChartDefinition = {
  name: 'throughput-vs-connections',
  scenario: 'echo-small',
  title: 'Throughput vs connections (echo-small)',
  caption:
    'Messages echoed per second (median of the repeats, whisker = their range; log scale when models differ by more than 10×) as the number of concurrent ' +
    'closed-loop connections grows. A model that serves connections concurrently rises with connections until the ' +
    'CPU is saturated; one that serves them one at a time stays flat. Whiskers running off the top are cut at the edge. ' +
    'A point labelled “N of M starved” left N connections without a single answer: its rate is that of the few served, ' +
    'not of the load, so no line runs through it.',
  build(results) {
    const rows = rowsOf(results.results, 'echo-small');
    if (rows.length === 0) return null;
    // Failed rows measured nothing a line should pass through; empty ones completed nothing; starved ones served a few
    // connections, not the load: their points stand alone.
    const measured = (row: (typeof rows)[number]) => row.status !== 'failed' && row.status !== 'empty';
    const joined = (row: (typeof rows)[number]) => measured(row) && row.fairness.starved === 0;
    const medians = rows.filter(measured).map((row) => row.msgsPerSec.median);
    const top = 1.4 * Math.max(1, ...medians);
    // Log scale when models differ by more than 10×, so the slow ones do not flatten into the axis.
    const positive = medians.filter((m) => m > 0);
    const log = positive.length > 0 && Math.max(...positive) > 10 * Math.min(...positive);
    const floor = logFloor(positive);
    const low = log ? floor : 0;
    const domain: [number, number] = [low, top];
    const pixel = (value: number) => (log ? logPixel(value, domain, HEIGHT) : linearPixel(value, domain, HEIGHT));
    const values = rows.map((row) => {
      const { value, lo, hi } = estimateFields(row.msgsPerSec);
      return { ...rowFields(row), ...starvedField(row), connections: row.connections, value: Math.max(low, value), lo: Math.max(low, lo), hi, drawn: joined(row), labelY: null as number | null };
    });
    // "N of M starved" beside its point, nudged apart where two starved points of one column sit close.
    const connectionCounts = [...new Set(rows.map((row) => row.connections))];
    for (const connections of connectionCounts) {
      const starved = values.filter((v) => v.connections === connections && v.starvedLabel !== '');
      const at = spreadLabels(starved.map((v) => pixel(v.value) - LABEL_RISE), LABEL_GAP, HEIGHT);
      starved.forEach((v, i) => (v.labelY = at[i]!));
    }
    // One connection count (a --quick run): nothing to draw a line along, so the models side by side at it.
    const single = connectionCounts.length === 1;
    const x = single
      ? modelAxis(rows)
      : { field: 'connections', type: 'quantitative', title: 'Concurrent connections (log scale)', scale: { type: 'log', base: 2 }, axis: { values: connectionCounts, format: 'd' } };
    const y = {
      field: 'value',
      type: 'quantitative',
      title: `Throughput (msgs/s, median of repeats${log ? ', log scale' : ''})`,
      scale: log ? { type: 'log', domain, nice: false } : { domain, nice: false },
      ...(log ? { axis: { values: logTicks(domain), format: ',~r' } } : {}),
    };
    const colour = colourByModel(rows);
    return {
      rows,
      subtitle: `${rows[0]!.messageSize} B messages, closed loop, pipelining ${rows[0]!.pipelining}${single ? `; at ${connectionCounts[0]} connection${connectionCounts[0] === 1 ? '' : 's'} only` : ''}`,
      body: {
        width: 560,
        height: HEIGHT,
        data: { values },
        layer: [
          ...(single ? [] : [{ transform: [{ filter: 'datum.drawn' }], mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color: colour } }]),
          // Whiskers wider than the plot (few repeats on a noisy machine) are cut at its edge.
          { mark: { type: 'rule', strokeWidth: 1.5, clip: true }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: colour } },
          { mark: { type: 'point', filled: true, size: 80 }, encoding: { x, y, color: colour, shape: shapeByStatus(rows) } },
          // Beside the point it qualifies, as text: it cannot be read as a value.
          ...haloText({ align: 'left', dx: 8, baseline: 'middle', fontWeight: 'bold' }, { x, y: { field: 'labelY', type: 'quantitative', scale: null }, color: colour, text: { field: 'starvedLabel' } }).map((layer) => ({
            transform: [{ filter: 'datum.labelY != null' }],
            ...layer,
          })),
        ],
      },
    };
  },
};
