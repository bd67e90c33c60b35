/** Connections per second under churn: the price of starting something per connection. */
import { rowsOf } from '../rows.js';
import { colourByModel, haloText, logFloor, modelAxis, rowFields, shapeByStatus, type ChartDefinition } from './spec.js';

export const churnRate: ChartDefinition = {
  name: 'churn-connections',
  scenario: 'churn',
  title: 'Connections per second under churn',
  caption:
    'Each connection connects, sends one message, waits for its echo and closes; the dot is the number of such ' +
    'complete connections per second (median of repeats, whisker = the range of the repeats, reaching the bottom ' +
    'where a repeat completed none). Log scale: models differ by orders of magnitude here. It measures the ' +
    'per-connection set-up cost of each model: accepting, plus starting a process or thread where the model does.',
  build(results) {
    const rows = rowsOf(results.results, 'churn');
    if (rows.length === 0) return null;
    const rates = rows.map((row) => row.connectionsPerSec ?? row.msgsPerSec);
    const floor = logFloor(rates.map((rate) => rate.median));
    // A log axis has no zero: a failed row's 0 and an interval reaching below zero are drawn at the floor.
    const values = rows.map((row, i) => ({
      ...rowFields(row),
      value: Math.max(floor, rates[i]!.median),
      lo: Math.max(floor, rates[i]!.range[0]),
      hi: Math.max(floor, rates[i]!.range[1]),
      label: Math.round(rates[i]!.median).toLocaleString('en-US'),
    }));
    const x = modelAxis(rows);
    const y = { field: 'value', type: 'quantitative', title: 'Connections per second (log scale)', scale: { type: 'log', domainMin: floor }, axis: { values: Array.from({ length: 12 }, (_, i) => floor * 10 ** i) } };
    const colour = colourByModel(rows);
    return {
      rows,
      subtitle: `${rows[0]!.connections} concurrent connectors, one ${rows[0]!.messageSize} B message per connection`,
      body: {
        width: 420,
        height: 300,
        data: { values },
        layer: [
          { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: colour } },
          { mark: { type: 'point', filled: true, size: 140, opacity: 1 }, encoding: { x, y, color: colour, shape: shapeByStatus(rows) } },
          ...haloText({ align: 'left', dx: 10 }, { x, y, text: { field: 'label' } }),
        ],
      },
    };
  },
};
