/**
 * A core sweep (--server-cores; the cpu scenario at 1 core and at all): msgs/s against the server's
 * cores per model, with each model's ideal linear line from its figure at the fewest cores.
 */
import { rowsOf } from '../rows.js';
import { scalingOf, sweepRows } from '../scaling.js';
import { colourByModel, estimateFields, layers, rowFields, shapeByStatus, type ChartDefinition } from './spec.js';

export const scaling: ChartDefinition = {
  name: 'scaling',
  scenario: 'cpu',
  title: 'Scaling with server cores (cpu)',
  caption:
    'Messages echoed per second (median of the repeats, whisker = their range) with the server pinned to 1, 2, … ' +
    'of its CPUs; pool, cluster and listener sizes follow the CPUs the server may use. The dashed line of each model is ' +
    'ideal linear scaling from its own figure at the fewest cores: a model on the line uses every core it gets, one that ' +
    'stays flat runs its work on one thread.',
  build(results) {
    const rows = sweepRows(rowsOf(results.results, 'cpu'));
    if (rows.length === 0) return null;
    const models = scalingOf(rows);
    const values = models.flatMap(({ points }) => points.map(({ cores, row }) => ({ ...rowFields(row), cores, ...estimateFields(row.msgsPerSec), drawn: row.status === 'ok' })));
    const ideal = models.flatMap(({ model, points }) => points.filter((point) => point.ideal !== null).map(({ cores, ideal: value }) => ({ model, cores, ideal: value })));
    const coreCounts = [...new Set(rows.map((row) => row.serverCores!))].sort((a, b) => a - b);
    const x = { field: 'cores', type: 'quantitative', title: 'Server cores (CPUs the server is pinned to)', scale: { zero: false, padding: 24 }, axis: { values: coreCounts, format: 'd' } };
    const y = { field: 'value', type: 'quantitative', title: 'Throughput (msgs/s, median of repeats)', scale: { domainMin: 0 } };
    const colour = colourByModel(rows);
    const first = rows[0]!;
    const work = first.workUsPerMessage > 0 ? `${first.workUsPerMessage} µs of CPU per ${first.messageSize} B message, ` : `${first.messageSize} B messages, `;
    const unmeasuredBase = models.filter((model) => model.base === null).map((model) => model.model);
    return {
      rows,
      subtitle: `${work}${first.connections} connections, closed loop; server on ${coreCounts.join(', ')} core(s)`,
      ...(unmeasuredBase.length > 0 ? { notes: [`No ideal line (nothing measured at the fewest cores): ${unmeasuredBase.join(', ')}`] } : {}),
      body: {
        width: 480,
        height: 320,
        layer: layers(
          { data: { values: ideal }, mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5, opacity: 0.8 }, encoding: { x, y: { ...y, field: 'ideal' }, color: colour } },
          { data: { values }, transform: [{ filter: 'datum.drawn' }], mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color: colour } },
          { data: { values }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: colour } },
          { data: { values }, mark: { type: 'point', filled: true, size: 80 }, encoding: { x, y, color: colour, shape: shapeByStatus(rows) } },
        ),
      },
    };
  },
};
