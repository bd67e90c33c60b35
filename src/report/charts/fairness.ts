/** The slow-client scenario: does one idle client hold everyone else up? */
import { rowsOf } from '../rows.js';
import { colourByModel, FADE_UNLESS_MEASURED, haloText, layers, modelAxis, rowFields, statusMarkers, type ChartDefinition } from './spec.js';

export const fairness: ChartDefinition = {
  name: 'slow-client-fairness',
  scenario: 'slow-client',
  title: 'Slow client: starved connections and messages per connection',
  caption:
    'One client connects first and then sends nothing for the whole run, while the others do small echoes. ' +
    'Left: how many of the active connections got no echo at all during the measurement. Right: every tick is ' +
    'one active connection and how many messages it got answered; ' +
    'a fair server puts every active connection at about the same height.',
  build(results) {
    const rows = rowsOf(results.results, 'slow-client');
    if (rows.length === 0) return null;
    const starved = rows.map((row) => ({ ...rowFields(row), starved: row.fairness.starved, label: `${row.fairness.starved}/${row.connections}` }));
    const perConnection = rows.flatMap((row) => row.fairness.perConnection.map((messages) => ({ ...rowFields(row), messages })));
    const x = modelAxis(rows);
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
                encoding: { x, y: { field: 'starved', type: 'quantitative', title: 'Connections with no echo at all', scale: { domainMin: 0 } }, color: colour, opacity },
              },
              ...haloText({ dy: -8 }, { x, y: { field: 'starved', type: 'quantitative' }, text: { field: 'label' } }),
              statusMarkers(rows, { x, y: { field: 'starved', type: 'quantitative' } }),
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
