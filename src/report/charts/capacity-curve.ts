/**
 * The capacity search per model, one small panel each: latency against offered rate, log-log, up to its
 * wall, with the objective, the largest rate it sustained (a rule, and the figure in the panel's header)
 * and the steps where the generator fell behind.
 */
import { andList, num } from '../../results/format.js';
import { ACHIEVED_SHARE_TEXT } from '../../results/held-rate.js';
import { formatSlo } from '../../results/slo-format.js';
import { searchedModels, type SearchedModel } from '../capacity-rows.js';
import { serverLabel } from '../../results/server-label.js';
import { decadesAround } from './spread-labels.js';
import { colourByModel, latencyScale, rowFields, shapeByStatus, type ChartDefinition } from './spec.js';

/** "event-loop: 11,300 msgs/s", the rate it sustained; "≥" when that is a lower bound (the generator fell behind, or no step failed). */
function sustainedHeader(searched: SearchedModel): string {
  const { sustainedRate, lowerBound } = searched.result;
  const name = serverLabel(searched.steps[0]!);
  return sustainedRate === null ? `${name}: no rate passed` : `${name}: ${lowerBound ? '≥ ' : ''}${num(sustainedRate)} msgs/s`;
}

export const capacityCurve: ChartDefinition = {
  name: 'capacity-curve',
  scenario: 'capacity',
  title: 'Capacity: latency against offered rate, and the rate each model sustained',
  caption:
    'One panel per model. Each model was offered a rising rate (open loop, latency from the intended send time) until it failed the objective ' +
    `(the red dashed line) or fell below ${ACHIEVED_SHARE_TEXT} of the offered rate; then the rate was refined between the last pass and the first fail. ` +
    'Solid lines are p50, dashed lines the objective’s percentile; the vertical rule and the panel’s title give the largest rate it sustained ' +
    '(“≥”: a lower bound, because the generator fell behind at a failing step or no step failed; the climb stops at 4× the model’s closed-loop rate). ' +
    'A flat curve that turns up sharply is the knee; points marked client-bound are steps where the generator fell behind its own schedule, ' +
    'so a failure there may be the generator’s, not the server’s. Both axes are logarithmic and shared by the panels.',
  build(results) {
    const models = searchedModels(results.results);
    if (models.length === 0) return null;
    const rows = models.flatMap((searched) => searched.steps).filter((row) => row.latencyUs.count > 0);
    if (rows.length === 0) return null;
    const slo = models[0]!.slo;
    const percentiles = [...new Set(['p50', slo.percentile] as const)];
    const headerOf = new Map(models.map((searched) => [searched.model, sustainedHeader(searched)]));
    const sustainedOf = new Map(models.map((searched) => [searched.model, searched.result.sustainedRate]));
    // A step that answered nothing, or too little for a percentile, has no such latency to draw (null).
    const values = rows.flatMap((row, i) =>
      percentiles.flatMap((percentile, k) => {
        const us = row.latencyUs[percentile];
        // The model's sustained rate rides on its first datum, for the one rule a panel draws.
        const first = rows.findIndex((other) => other.model === row.model) === i && k === 0;
        return us === null ? [] : [{ ...rowFields(row), panel: headerOf.get(row.model)!, offered: row.targetRate!, percentile, latencyUs: Math.max(1, us), sustained: first ? sustainedOf.get(row.model) : null }];
      }),
    );
    const silent = models.filter((searched) => !rows.some((row) => row.model === searched.model)).map((searched) => searched.model);
    // One tick per power of ten: a panel is narrow.
    const offered = decadesAround(values.map((v) => v.offered));
    const powers = Array.from({ length: Math.round(Math.log10(offered[1] / offered[0])) + 1 }, (_, k) => offered[0] * 10 ** k);
    const x = { field: 'offered', type: 'quantitative', title: 'Offered rate (msgs/s, log)', scale: { type: 'log', domain: offered, nice: false }, axis: { values: powers, format: '~s' } };
    const y = { field: 'latencyUs', type: 'quantitative', ...latencyScale('Latency (log scale)') };
    const colour = { ...colourByModel(rows), legend: null };
    const dash = { field: 'percentile', type: 'nominal', title: 'Percentile', sort: percentiles, scale: { domain: percentiles, range: [[1, 0], [5, 3]] } };
    const onePerPanel = [{ aggregate: [{ op: 'count', as: 'points' }], groupby: ['panel'] }];
    return {
      rows,
      subtitle: `${rows[0]!.messageSize} B messages, ${rows[0]!.connections} connections, open loop, latency from the intended send time; objective ${formatSlo(slo)} and achieved ≥ ${ACHIEVED_SHARE_TEXT} of offered; above each panel the largest rate sustained`,
      notes: silent.length > 0 ? [`Not drawn, no step answered: ${andList(silent)}`] : [],
      body: {
        data: { values },
        columns: 4,
        facet: { field: 'panel', type: 'nominal', title: null, sort: models.map((searched) => headerOf.get(searched.model)!), header: { labelFontWeight: 'bold' } },
        spec: {
          width: 180,
          height: 150,
          layer: [
            // The objective once per panel: a mark with no field draws once per datum, its label smeared over itself.
            { transform: onePerPanel, mark: { type: 'rule', strokeDash: [6, 4], color: '#b00', strokeWidth: 1.5 }, encoding: { y: { datum: slo.objectiveUs, type: 'quantitative' } } },
            {
              transform: onePerPanel,
              mark: { type: 'text', align: 'left', dx: 3, dy: -6, color: '#b00', fontSize: 9, x: 0 },
              encoding: { y: { datum: slo.objectiveUs, type: 'quantitative' }, text: { value: `objective ${formatSlo(slo)}` } },
            },
            { transform: [{ filter: 'datum.sustained != null' }], mark: { type: 'rule', strokeWidth: 2, opacity: 0.7 }, encoding: { x: { ...x, field: 'sustained' }, color: colour } },
            { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color: colour, strokeDash: dash } },
            { mark: { type: 'point', filled: true, size: 40 }, encoding: { x, y, color: colour, shape: shapeByStatus(rows) } },
          ],
        },
        resolve: { scale: { y: 'shared', x: 'shared' } },
      },
    };
  },
};
