/** p50 and p99 latency per model for every scenario point: how far the tail sits from the median. */
import { distinctPointLabels, sortRows } from '../rows.js';
import { measuresThroughput } from '../../results/throughput.js';
import { decadesAround, logPixel, spreadLabels } from './spread-labels.js';
import { colourByModel, haloText, latencyScale, rowFields, shapeByStatus, starvedField, thinNote, unansweredNote, type ChartDefinition } from './spec.js';

/** A panel's height; a starved label's place under its point and its least distance from the next, in pixels. */
const HEIGHT = 170;
const LABEL_BELOW = 12;
const LABEL_GAP = 11;

export const latencyPercentiles: ChartDefinition = {
  name: 'latency-percentiles',
  title: 'Latency p50 and p99 per scenario',
  caption:
    'One panel per scenario point; each model is a line from its median (p50) to its 99th-percentile (p99) ' +
    'round-trip latency, on a log scale. A steep line means a long tail: a few messages waited much longer ' +
    'than the typical one. Latency describes only the messages answered: a row with no answer at all has none and ' +
    'is left out (named under the title), and a row where some connections got no answer says “N starved” beside its p99, ' +
    'since its figures are those of the connections that were served.',
  build(results) {
    // The abandoned scenario times one client instead, and the connections scenario holds connections for their
    // memory (one echo every few seconds): neither measures a load's latency. Capacity steps have their own charts.
    const echoing = sortRows(results).filter((row) => !row.abandoned && !row.rateSearch && measuresThroughput(row));
    const answered = echoing.filter((row) => row.latencyUs.count > 0);
    if (answered.length === 0) return null;
    // Rows that share a scenario point (a core sweep) each get their own panel.
    const point = distinctPointLabels(answered);
    // A percentile too few answers back is null (results/latency-support.ts): not drawn, and said under the title.
    const values = answered.flatMap((row) =>
      (['p50', 'p99'] as const).flatMap((percentile) => {
        const us = row.latencyUs[percentile];
        return us === null ? [] : [{ ...rowFields(row), ...starvedField(row), point: point(row), percentile, latencyUs: Math.max(1, us) }];
      }),
    );
    const points = [...new Set(answered.map(point))];
    const domain = decadesAround(values.map((v) => v.latencyUs));
    const x = { field: 'percentile', type: 'ordinal', title: null, axis: { labelAngle: 0 } };
    const y = { field: 'latencyUs', type: 'quantitative', ...latencyScale('Latency (log scale)', domain) };
    // "N of M starved" under the p99 point it qualifies, nudged apart where two models' p99 sit close in one panel.
    const labelY = new Map<(typeof values)[number], number>();
    for (const p of points) {
      const inPanel = values.filter((v) => v.point === p && v.percentile === 'p99' && v.starvedLabel !== '');
      const at = spreadLabels(inPanel.map((v) => logPixel(v.latencyUs, domain, HEIGHT) + LABEL_BELOW), LABEL_GAP, HEIGHT);
      inPanel.forEach((v, i) => labelY.set(v, at[i]!));
    }
    const colour = colourByModel(answered);
    return {
      rows: answered,
      subtitle: 'Round trip from send (closed loop) or from intended send time (open loop); median and 99th percentile over all repeats',
      notes: [...unansweredNote(echoing), ...thinNote(answered)],
      body: {
        data: { values: values.map((v) => ({ ...v, labelY: labelY.get(v) ?? null })) },
        columns: 4,
        facet: { field: 'point', type: 'ordinal', sort: points, title: null, header: { labelFontWeight: 'bold' } },
        spec: {
          width: 120,
          height: HEIGHT,
          layer: [
            { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color: colour, detail: { field: 'model' } } },
            { mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y, color: colour, shape: shapeByStatus(answered) } },
            // As text in the model's colour, beside its point: it cannot be read as a value.
            ...haloText({ align: 'right', dx: -6, baseline: 'middle', fontSize: 9, fontWeight: 'bold' }, { x, y: { field: 'labelY', type: 'quantitative', scale: null }, color: colour, text: { field: 'starvedLabel' } }).map(
              (layer) => ({ transform: [{ filter: 'datum.labelY != null' }], ...layer }),
            ),
          ],
        },
      },
    };
  },
};
