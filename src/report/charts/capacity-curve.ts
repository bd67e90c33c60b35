/** Latency against offered rate, up to each model's wall: the capacity search's steps as curves, log-log. */
import { formatSlo } from '../../results/slo-format.js';
import { searchedModels } from '../capacity-rows.js';
import { pointLabel } from '../rows.js';
import { colourByModel, latencyScale, rowFields, shapeByStatus, type ChartDefinition } from './spec.js';

export const capacityCurve: ChartDefinition = {
  name: 'capacity-curve',
  title: 'Capacity curve: latency against offered rate',
  caption:
    'Each model was offered a rising rate (open loop, latency from the intended send time) until it failed the objective ' +
    '(the dashed horizontal line) or fell below 99 % of the offered rate; then the rate was refined between the last pass and the first fail. ' +
    'Solid lines are p50, dashed lines the objective’s percentile; the vertical rule in each model’s colour is the largest rate it sustained. ' +
    'A flat curve that turns up sharply is the knee; points marked client-bound are steps where the generator fell behind its own schedule, ' +
    'so a failure there may be the generator’s, not the server’s. Both axes are logarithmic.',
  build(results) {
    const models = searchedModels(results.results);
    if (models.length === 0) return null;
    const rows = models.flatMap((searched) => searched.steps).filter((row) => row.latencyUs.count > 0);
    if (rows.length === 0) return null;
    const slo = models[0]!.slo;
    const percentiles = [...new Set(['p50', slo.percentile] as const)];
    // A step that answered nothing, or too little for a percentile, has no such latency to draw (null).
    const values = rows.flatMap((row) =>
      percentiles.flatMap((percentile) => {
        const us = row.latencyUs[percentile];
        return us === null ? [] : [{ ...rowFields(row), point: pointLabel(row), offered: row.targetRate!, percentile, latencyUs: Math.max(1, us) }];
      }),
    );
    const sustained = models
      .filter((searched) => searched.result.sustainedRate !== null)
      .map((searched) => ({ model: searched.model, point: `${searched.steps[0]!.scenario} c=${searched.connections}`, offered: searched.result.sustainedRate! }));
    const x = { field: 'offered', type: 'quantitative', title: 'Offered rate (msgs/s, log scale)', scale: { type: 'log' }, axis: { format: '~s', labelOverlap: 'greedy' } };
    const y = { field: 'latencyUs', type: 'quantitative', ...latencyScale('Latency from intended send time (log scale)') };
    const colour = colourByModel(rows);
    const dash = { field: 'percentile', type: 'nominal', title: 'Percentile', sort: percentiles, scale: { domain: percentiles, range: [[1, 0], [5, 3]] } };
    return {
      rows,
      subtitle: `${rows[0]!.messageSize} B messages, ${rows[0]!.connections} connections, open loop; objective ${formatSlo(slo)} and achieved ≥ 99 % of offered`,
      body: {
        width: 620,
        height: 360,
        layer: [
          {
            data: { values },
            layer: [
              { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color: colour, strokeDash: dash, detail: { field: 'model' } } },
              { mark: { type: 'point', filled: true, size: 45 }, encoding: { x, y, color: colour, shape: shapeByStatus(rows) } },
            ],
          },
          { data: { values: [{ objective: slo.objectiveUs }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#b00', strokeWidth: 1.5 }, encoding: { y: { field: 'objective', type: 'quantitative' } } },
          {
            data: { values: [{ objective: slo.objectiveUs, label: `objective ${formatSlo(slo)}` }] },
            mark: { type: 'text', align: 'left', dx: 4, dy: -7, color: '#b00', fontSize: 10, x: 0 },
            encoding: { y: { field: 'objective', type: 'quantitative' }, text: { field: 'label' } },
          },
          ...(sustained.length > 0
            ? [{ data: { values: sustained }, mark: { type: 'rule', strokeWidth: 2, opacity: 0.7 }, encoding: { x, color: colour } }]
            : []),
        ],
        resolve: { scale: { y: 'shared', x: 'shared' } },
      },
    };
  },
};
