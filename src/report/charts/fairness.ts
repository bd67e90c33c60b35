/** The slow-client scenario: does one idle client hold everyone else up? */
import { rowsOf } from '../rows.js';
import { colourByModel, FADE_UNLESS_MEASURED, haloText, layers, modelAxis, rowFields, type ChartDefinition } from './spec.js';

export const fairness: ChartDefinition = {
  name: 'slow-client-fairness',
  scenario: 'slow-client',
  title: 'Slow client: starved connections and messages per connection',
  caption:
    'One client connects first and then sends nothing for the whole run, while the others do small echoes. ' +
    'Left: how many of the active connections got no echo at all during the measurement. Right: every tick is ' +
    'one active connection and how many messages it got answered; ' +
    'a fair server puts every active connection at about the same height. A faded bar is not a plain measurement: its model’s label says why.',
  build(results) {
    const rows = rowsOf(results.results, 'slow-client');
    if (rows.length === 0) return null;
    const starved = rows.map((row) => ({ ...rowFields(row), starved: row.fairness.starved, label: `${row.fairness.starved}/${row.connections}` }));
    // From none to every active connection, in whole connections: an axis of zeros still reads as counts.
    const most = Math.max(...rows.map((row) => row.connections));
    const perConnection = rows.flatMap((row) => row.fairness.perConnection.map((messages) => ({ ...rowFields(row), messages })));
    // A row that is not a plain measurement says so in its model's label, not in a marker floating above its bar.
    const x = modelAxis(rows, true);
    const colour = colourByModel(rows);
    const opacity = FADE_UNLESS_MEASURED;
    return {
      rows,
      subtitle: `${rows[0]!.connections} active connections plus ${rows[0]!.idleConnections} idle client(s) that connected first; ${rows[0]!.messageSize} B messages, closed loop`,
      body: {
        hconcat: [
          {
            width: 260,
            height: 260,
            data: { values: starved },
            layer: layers(
              {
                mark: { type: 'bar' },
                encoding: {
                  x,
                  y: { field: 'starved', type: 'quantitative', title: 'Connections with no echo at all', scale: { domain: [0, most] }, axis: { format: 'd', tickMinStep: 1 } },
                  color: colour,
                  opacity,
                },
              },
              ...haloText({ dy: -8 }, { x, y: { field: 'starved', type: 'quantitative' }, text: { field: 'label' } }),
            ),
          },
          {
            width: 260,
            height: 260,
            data: { values: perConnection },
            mark: { type: 'tick', thickness: 2, size: 18 },
            encoding: {
              x,
              y: { field: 'messages', type: 'quantitative', title: 'Messages answered per connection' },
              color: colour,
              opacity,
            },
          },
        ],
        spacing: 30,
      },
    };
  },
};
