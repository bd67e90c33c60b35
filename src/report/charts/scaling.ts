/**
 * A core sweep (--server-cores; the cpu scenario at 1 core and at all): msgs/s against the server's
 * cores per model, with each model's ideal linear line from its figure at the fewest cores.
 */
import { rowsOf } from '../rows.js';
import { scalingOf, sweepRows } from '../scaling.js';
import { serverLabel } from '../../results/server-label.js';
import { colourByModel, estimateFields, rowFields, shapeByStatus, type ChartDefinition } from './spec.js';

export const scaling: ChartDefinition = {
  name: 'scaling',
  scenario: 'cpu',
  title: 'Scaling with server cores (cpu)',
  caption:
    'One panel per model: messages echoed per second (median of the repeats, whisker = their range) with the server pinned to 1, 2, … ' +
    'of its CPUs; pool, cluster and listener sizes follow the CPUs the server may use. The dashed line of each model is ' +
    'ideal linear scaling from its own figure at the fewest cores: a model on the line uses every core it gets, one that ' +
    'stays flat runs its work on one thread.',
  build(results) {
    const rows = sweepRows(rowsOf(results.results, 'cpu'));
    if (rows.length === 0) return null;
    const models = scalingOf(rows);
    const values = models.flatMap(({ points }) =>
      points.map(({ cores, row }) => ({ ...rowFields(row), panel: serverLabel(row), kind: 'measured', cores, ...estimateFields(row.msgsPerSec), drawn: row.status === 'ok' })),
    );
    const ideal = models.flatMap(({ model, points }) =>
      points.filter((point) => point.ideal !== null).map(({ cores, row, ideal: value }) => ({ model, panel: serverLabel(row), kind: 'ideal', cores, ideal: value })),
    );
    const coreCounts = [...new Set(rows.map((row) => row.serverCores!))].sort((a, b) => a - b);
    const x = { field: 'cores', type: 'quantitative', title: 'Server cores', scale: { zero: false, padding: 16 }, axis: { values: coreCounts, format: 'd' } };
    const y = { field: 'value', type: 'quantitative', title: 'msgs/s (median)', scale: { domainMin: 0 } };
    const colour = { ...colourByModel(rows), legend: null };
    const first = rows[0]!;
    const work = first.workUsPerMessage > 0 ? `${first.workUsPerMessage} µs of CPU per ${first.messageSize} B message, ` : `${first.messageSize} B messages, `;
    const unmeasuredBase = models.filter((model) => model.base === null).map((model) => model.model);
    const measured = "datum.kind == 'measured'";
    return {
      rows,
      subtitle: `${work}${first.connections} connections, closed loop; server on ${coreCounts.join(', ')} core(s); dashed: ideal linear scaling`,
      ...(unmeasuredBase.length > 0 ? { notes: [`No ideal line (nothing measured at the fewest cores): ${unmeasuredBase.join(', ')}`] } : {}),
      body: {
        data: { values: [...ideal, ...values] },
        columns: 4,
        // One panel per model: a line each over a few core counts, never sixteen lines crossing in one plot.
        facet: { field: 'panel', type: 'nominal', title: null, sort: models.map(({ points }) => serverLabel(points[0]!.row)), header: { labelFontWeight: 'bold' } },
        spec: {
          width: 150,
          height: 130,
          layer: [
            { transform: [{ filter: "datum.kind == 'ideal'" }], mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5, opacity: 0.8 }, encoding: { x, y: { ...y, field: 'ideal' }, color: colour } },
            { transform: [{ filter: `${measured} && datum.drawn` }], mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color: colour } },
            { transform: [{ filter: measured }], mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: colour } },
            { transform: [{ filter: measured }], mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y, color: colour, shape: shapeByStatus(rows) } },
          ],
        },
      },
    };
  },
};
