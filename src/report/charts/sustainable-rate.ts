/** The largest rate each model sustained within the objective, as bars, with the first failing rate as the whisker's top. */
import { formatSlo } from '../../results/slo-format.js';
import { searchedModels } from '../capacity-rows.js';
import { colourByModel, haloText, logFloor, modelAxis, rowFields, statusMarkers, layers, FADE_UNLESS_MEASURED, type ChartDefinition } from './spec.js';
import { num } from '../../results/format.js';

export const sustainableRate: ChartDefinition = {
  name: 'sustainable-rate',
  title: 'Sustainable rate within the objective',
  caption:
    'Bar: the largest offered rate each model sustained (achieved ≥ 99 % of it, latency objective met). Whisker: from there up to the ' +
    'first rate it failed at, the interval its true limit lies in. "≥" marks a lower bound: the generator fell behind at a failing step, or no step failed (the climb stops at 4× the model’s closed-loop rate). ' +
    'A model with no bar passed no rate tried (its whisker starts at the lowest one). Log scale when models differ by more than 10×.',
  build(results) {
    const models = searchedModels(results.results);
    if (models.length === 0) return null;
    const rows = models.map((searched) => searched.atSustained ?? searched.steps.at(-1)!);
    const values = models.map((searched, i) => {
      const { sustainedRate, firstFailingRate, lowerBound } = searched.result;
      return {
        ...rowFields(rows[i]!),
        sustained: sustainedRate ?? 0,
        firstFail: firstFailingRate ?? sustainedRate ?? 0,
        label: sustainedRate === null ? 'none passed' : `${lowerBound ? '≥ ' : ''}${num(sustainedRate)}`,
      };
    });
    const rates = values.flatMap((v) => [v.sustained, v.firstFail]).filter((rate) => rate > 0);
    const log = rates.length > 0 && Math.max(...rates) > 10 * Math.min(...rates);
    const floor = log ? logFloor(rates) : 0;
    for (const v of values) v.sustained = Math.max(floor, v.sustained);
    const x = modelAxis(rows);
    const y = { field: 'sustained', type: 'quantitative', title: `Sustained rate (msgs/s${log ? ', log scale' : ''})`, scale: log ? { type: 'log', domain: [floor, 1.5 * Math.max(...rates)] } : { domainMin: 0 } };
    const colour = colourByModel(rows);
    return {
      rows,
      subtitle: `${rows[0]!.messageSize} B messages, ${rows[0]!.connections} connections, open loop; objective ${formatSlo(models[0]!.slo)}`,
      body: {
        width: 520,
        height: 300,
        data: { values },
        layer: layers(
          { mark: { type: 'bar' }, encoding: { x, y, y2: log ? { datum: floor } : undefined, color: colour, opacity: FADE_UNLESS_MEASURED } },
          { mark: { type: 'rule', strokeWidth: 2, color: '#222' }, encoding: { x, y, y2: { field: 'firstFail' } } },
          { mark: { type: 'tick', thickness: 2, color: '#222', size: 14 }, encoding: { x, y: { ...y, field: 'firstFail' } } },
          ...haloText({ dy: -8, baseline: 'bottom' }, { x, y, text: { field: 'label' } }),
          statusMarkers(rows, { x, y: { ...y, field: 'firstFail' } }),
        ),
      },
    };
  },
};
