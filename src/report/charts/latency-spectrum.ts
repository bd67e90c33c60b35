/**
 * The whole latency distribution of the open-loop scenario as HdrHistogram plots draw it: percentile on
 * a 1/(1-p) log axis, so 90 %, 99 %, 99.9 % are evenly spaced and the tail is not squashed into a corner.
 */
import type { LatencySummary } from '../../results/schema.js';
import { decodeHistogram, percentileSpectrum } from '../read-histogram.js';
import { num } from '../../results/format.js';
import { sortRows } from '../rows.js';
import { decadesAround, logPixel, spreadLabels } from './spread-labels.js';
import { colourByModel, haloText, latencyScale, opacityByStatus, rowFields, shapeByStatus, starvedField, unansweredNote, type ChartDefinition } from './spec.js';

const CORRECTED = 'from intended send time (corrected)';
const HEIGHT = 340;
/** A starved label sits this far above its maximum, and two labels at least a line apart. */
const LABEL_ABOVE = 8;
const LABEL_GAP = 13;
const UNCORRECTED = 'from actual send time (uncorrected)';

function spectrum(summary: LatencySummary | undefined) {
  if (!summary || summary.count === 0 || summary.histogram === '') return [];
  return percentileSpectrum(decodeHistogram(summary.histogram));
}

export const latencySpectrum: ChartDefinition = {
  name: 'latency-spectrum-open',
  scenario: 'open',
  title: 'Latency by percentile, open loop',
  caption:
    'The full latency distribution at a fixed offered rate, read left to right from the median to the maximum: ' +
    'the x axis is the percentile on a 1/(1−p) log scale (as HdrHistogram plots do), so each step right is ten times ' +
    'rarer. Solid lines measure from when each message should have been sent (corrected for coordinated omission, ' +
    'as wrk2 does); dashed lines from when it was actually sent. A big gap between them means the server fell ' +
    'behind and messages queued. The marker at the right end is the maximum; “N of M starved” beside it says that N connections ' +
    'got no answer at all, so the line, faded, is that of the connections served and not of the offered load. A row with no answer has no line (named under the title).',
  build(results) {
    const open = sortRows(results).filter((row) => row.mode === 'open' && !row.rateSearch);
    const rows = open.filter((row) => row.latencyUs.count > 0);
    if (rows.length === 0) return null;
    const values = rows.flatMap((row) => [
      ...spectrum(row.latencyUs).map((p) => ({ ...rowFields(row), ...starvedField(row), measure: CORRECTED, ...p })),
      ...spectrum(row.latencyUncorrectedUs).map((p) => ({ ...rowFields(row), measure: UNCORRECTED, ...p })),
    ]);
    const maxX = Math.max(...values.map((v) => v.oneOverTail));
    const ticks = Array.from({ length: Math.floor(Math.log10(maxX)) + 1 }, (_, i) => 10 ** i);
    const x = {
      field: 'oneOverTail',
      type: 'quantitative',
      title: 'Percentile (axis scaled as 1/(1−p), log)',
      scale: { type: 'log', domain: [1, Math.max(10, maxX)] },
      axis: { values: ticks, labelExpr: "datum.value == 1 ? '0%' : format(100 - 100 / datum.value, '.6~r') + '%'" },
    };
    const domain = decadesAround(values.map((v) => v.valueUs));
    const y = { field: 'valueUs', type: 'quantitative', ...latencyScale('Latency (log scale)', domain) };
    // "N of M starved" above the maximum it qualifies, nudged apart where two rows' maxima sit close.
    const starvedMax = values.filter((v) => v.percentile === 100 && v.measure === CORRECTED && 'starvedLabel' in v && v.starvedLabel !== '');
    const labelAt = spreadLabels(starvedMax.map((v) => logPixel(v.valueUs, domain, HEIGHT) - LABEL_ABOVE), LABEL_GAP, HEIGHT);
    const labelY = new Map(starvedMax.map((v, i) => [v, labelAt[i]!]));
    const colour = colourByModel(rows);
    const rates = [...new Set(rows.map((row) => row.targetRate ?? 0))].map((rate) => num(rate)).join(', ');
    return {
      rows,
      subtitle: `Offered rate ${rates} msgs/s over ${rows[0]!.connections} connections, ${rows[0]!.messageSize} B messages`,
      notes: unansweredNote(open),
      body: {
        width: 560,
        height: HEIGHT,
        data: { values: values.map((v) => ({ ...v, labelY: labelY.get(v) ?? null })) },
        layer: [
          {
            mark: { type: 'line', strokeWidth: 1.8, interpolate: 'step-after' },
            encoding: {
              x,
              y,
              color: colour,
              strokeDash: { field: 'measure', type: 'nominal', title: 'Latency measured', scale: { domain: [CORRECTED, UNCORRECTED], range: [[1, 0], [5, 3]] } },
              // A starved row's line is faded: it is the latency of the few connections served, not of the load.
              opacity: opacityByStatus(rows),
              detail: { field: 'point' },
            },
          },
          {
            transform: [{ filter: `datum.percentile == 100 && datum.measure == '${CORRECTED}'` }],
            mark: { type: 'point', filled: true, size: 70 },
            encoding: { x, y, color: colour, shape: shapeByStatus(rows) },
          },
          // Beside the maximum it qualifies, as text: it cannot be read as a value.
          ...haloText({ align: 'right', dx: -9, baseline: 'middle', fontWeight: 'bold' }, { x, y: { field: 'labelY', type: 'quantitative', scale: null }, color: colour, text: { field: 'starvedLabel' } }).map((layer) => ({
            transform: [{ filter: 'datum.labelY != null' }],
            ...layer,
          })),
        ],
      },
    };
  },
};
