/** What each model costs the machine: CPU, memory, processes and threads, at every scenario point. */
import { MIB } from '../../results/format.js';
import { serversIn } from '../model-colours.js';
import { distinctPointLabels, sortRows } from '../rows.js';
import { colourByModel, FADE_UNLESS_MEASURED, layers, notMeasuredNote, rowFields, statusMarkers, type ChartDefinition } from './spec.js';

/** Panel titles carry the units: each panel has its own y scale. */
const METRICS = ['Server CPU (%; 100 = one core)', 'Memory (PSS, MiB, peak, all processes)', 'Processes (max)', 'Threads (max, all processes)'];

export const serverCost: ChartDefinition = {
  name: 'server-cost',
  title: 'Server cost per model',
  caption:
    "The server's whole process tree sampled from /proc during each measurement: mean CPU (user + system; 100 % " +
    'is one core fully busy); peak memory as proportional set size (PSS) summed over its processes, read once a second ' +
    'and at the end of each window, so pages the processes share (a forked child shares its parent’s code) count once; ' +
    'and the most processes and threads seen at once, read ten times a second. A faded bar with a black marker on its end is a row whose numbers are not a ' +
    'plain measurement (client-bound, failed, incomplete; see Status); a failed row shows what was sampled before it failed, often nothing. ' +
    'Rows whose server was not sampled (an external server, one that never ran) are named under the title.',
  build(results) {
    // Only rows whose server was sampled: an external target's, or a server that never ran, has no cost to draw.
    const all = sortRows(results).filter((row) => !row.rateSearch); // capacity steps have their own charts
    const rows = all.filter((row) => row.server !== null);
    if (rows.length === 0) return null;
    // Rows that share a scenario point (a core sweep, a capped model's two series) each get their own place: never one stacked bar.
    const point = distinctPointLabels(rows);
    const values = rows.flatMap((row) => {
      const server = row.server!;
      const figures = [server.cpuPercent, server.peakPssBytes / MIB, server.maxProcesses, server.maxThreads];
      return METRICS.map((metric, i) => ({ ...rowFields(row), point: point(row), metric, value: figures[i]! }));
    });
    const points = [...new Set(rows.map(point))];
    const x = { field: 'point', type: 'ordinal', sort: points, title: 'Scenario point', axis: { labelAngle: -25 } };
    const xOffset = { field: 'model', type: 'nominal', sort: serversIn(rows).map((s) => s.key) };
    const y = { field: 'value', type: 'quantitative', title: null };
    return {
      rows,
      subtitle: 'Every row of the run whose server was sampled, grouped by scenario point',
      notes: notMeasuredNote(all),
      body: {
        data: { values },
        facet: { row: { field: 'metric', type: 'nominal', sort: METRICS, title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold' } } },
        resolve: { scale: { y: 'independent' } },
        spacing: 14,
        spec: {
          width: 860,
          height: 110,
          layer: layers(
            { mark: { type: 'bar' }, encoding: { x, xOffset, y: { ...y, stack: null }, color: colourByModel(rows), opacity: FADE_UNLESS_MEASURED } },
            statusMarkers(rows, { x, xOffset, y }),
          ),
        },
      },
    };
  },
};
