/** Connections per second under churn: the price of starting something per connection. */
import { rowsOf } from '../rows.js';
import { colourByModel, FADE_UNLESS_MEASURED, layers, modelAxis, rowFields, statusMarkers, type ChartDefinition } from './spec.js';

export const churnRate: ChartDefinition = {
  name: 'churn-connections',
  scenario: 'churn',
  title: 'Connections per second under churn',
  caption:
    'Each connection connects, sends one message, waits for its echo and closes; the bar is the number of such ' +
    'complete connections per second (median of repeats, whisker = 95 % confidence interval). It measures the ' +
    'per-connection set-up cost of each model: accepting, plus starting a process or thread where the model does.',
  build(results) {
    const rows = rowsOf(results.results, 'churn');
    if (rows.length === 0) return null;
    const values = rows.map((row) => {
      const rate = row.connectionsPerSec ?? row.msgsPerSec;
      return { ...rowFields(row), rate: rate.median, lo: rate.ci95[0], hi: rate.ci95[1], label: Math.round(rate.median).toLocaleString('en-US') };
    });
    const x = modelAxis(rows);
    const y = { field: 'rate', type: 'quantitative', title: 'Connections per second (median of repeats)' };
    return {
      rows,
      subtitle: `${rows[0]!.connections} concurrent connectors, one ${rows[0]!.messageSize} B message per connection`,
      body: {
        width: 420,
        height: 300,
        data: { values },
        layer: layers(
          { mark: { type: 'bar' }, encoding: { x, y, color: colourByModel(rows), opacity: FADE_UNLESS_MEASURED } },
          { mark: { type: 'rule', color: '#333' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
          { mark: { type: 'text', dy: -6, fontSize: 10 }, encoding: { x, y: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } } },
          statusMarkers(rows, { x, y: { field: 'hi', type: 'quantitative' } }),
        ),
      },
    };
  },
};
