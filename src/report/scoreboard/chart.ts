/** The overview under the scoreboard: each cell's score against the column's best as a heat map, one column per scenario. */
import type { ChartDefinition } from '../charts/spec.js';
import { haloText } from '../charts/spec.js';
import { MARK_KINDS } from './marks.js';
import { ratioText } from './ratio.js';
import { scoreboard } from './scoreboard.js';

export const SCOREBOARD_CHART = 'scoreboard';

export const scoreboardChart: ChartDefinition = {
  name: SCOREBOARD_CHART,
  title: 'Each model against the best, per scenario',
  caption:
    'Each cell is the scenario’s headline figure as a share of the best in its column (1 = the best; for a figure where lower is better, the best’s ' +
    'figure over this one), so darker is better whatever the unit. Grey: not ranked (no figure, or one the CPU limit rules out); blank: not run. ' +
    'The symbols are the scoreboard’s marks.',
  build(results) {
    const board = scoreboard(results);
    if (board.columns.length === 0 || board.rows.length === 0) return null;
    const values = board.rows.flatMap((row) =>
      row.cells
        .map((cell, i) => ({ cell, column: board.columns[i]! }))
        .filter(({ cell }) => cell.ran)
        .map(({ cell, column }) => ({
          server: row.label,
          scenario: column.scenario,
          score: cell.score,
          label: `${cell.score === null ? '—' : ratioText(cell.score).replace('×', '')}${cell.marks.map((kind) => MARK_KINDS[kind].symbol).join('')}`,
        })),
    );
    const x = { field: 'scenario', type: 'nominal', title: null, sort: board.columns.map((column) => column.scenario), axis: { orient: 'top', labelAngle: 0, labelLimit: 110, grid: false, domain: false, ticks: false } };
    const y = { field: 'server', type: 'nominal', title: null, sort: board.rows.map((row) => row.label), axis: { labelLimit: 220, grid: false, domain: false, ticks: false } };
    const rows = results.results;
    return {
      rows,
      subtitle: 'Share of the best in each scenario’s headline figure (1 = the best)',
      body: {
        data: { values },
        width: Math.max(240, 96 * board.columns.length),
        height: 26 * board.rows.length,
        layer: [
          {
            mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
            encoding: {
              x,
              y,
              color: {
                condition: { test: 'datum.score === null', value: '#e4e4e4' },
                field: 'score',
                type: 'quantitative',
                title: 'Share of best',
                scale: { scheme: 'blues', domain: [0, 1] },
                legend: { orient: 'top', direction: 'horizontal', gradientLength: 160 },
              },
            },
          },
          ...haloText({ fontSize: 11 }, { x, y, text: { field: 'label' } }),
        ],
      },
    };
  },
};
