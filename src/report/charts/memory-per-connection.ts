/** The C10K curve: the server's memory (PSS) against open connections, per model, each line labelled with what a connection costs. */
import { andList, MIB, num } from '../../results/format.js';
import { memorySize } from '../../results/memory-size.js';
import { seriesCosts, seriesLabel, type SeriesCost } from '../../results/connection-cost.js';
import { rowsOf } from '../rows.js';
import { decadesAround, logPixel, spreadLabels } from './spread-labels.js';
import { colourByModel, layers, rowFields, type ChartDefinition } from './spec.js';

const WIDTH = 560;
const HEIGHT = 380;
/** Line labels in a column right of the plot, at least a line of text apart. */
const LABEL_GAP = 13;

const SERIES_DASH = { uncapped: [1, 0], raised: [1, 0], default: [5, 3] } as const;

/**
 * "fork (cap raised): 9.1 MiB a connection"; a capped series at its default says what waits instead;
 * a series whose top step left connections waiting (sequential serves one) says how many.
 */
function lineLabel(cost: SeriesCost): string {
  const queued = cost.top?.connectionsStep?.queued ?? 0;
  if (cost.series === 'default' && queued > 0) return `${seriesLabel(cost)}: ${num(queued)} queued`;
  const each = cost.bytesPerConnection === null ? 'no growth measured' : `${memorySize(cost.bytesPerConnection)} a connection`;
  return `${seriesLabel(cost)}: ${each}${queued > 0 ? `, ${num(queued)} queued` : ''}`;
}

export const memoryPerConnection: ChartDefinition = {
  name: 'memory-per-connection',
  scenario: 'connections',
  title: 'What a connection costs: server memory (PSS) against open connections',
  caption:
    'Connections were opened in steps and held live (an echo on opening, then one every few seconds); at each step the server’s memory ' +
    'is the PSS summed over its processes (shared pages counted once). Each line is labelled, right of the plot at the height where it ends, with its cost per connection: the memory its ' +
    'largest measured step added over the idle server, per connection, and how many connections still waited there. Capped models ran twice: cap raised to the step (solid: a process or ' +
    'a thread per connection) and at their default cap (dashed, from the last step within that cap, where both are the same: the memory ' +
    'stays flat and the extra connections wait, counted as queued). ' +
    'Hollow points are projected from the previous step, not run (they would pass half of the memory available, the open-file limit or the ' +
    'time budget). Under the title: how many connections this machine’s whole memory would hold at each measured cost. Both axes are logarithmic.',
  build(results) {
    const rows = rowsOf(results.results, 'connections').filter((row) => row.connectionsStep);
    const costs = seriesCosts(rows, results.env.memoryBytes);
    const drawn = rows.filter((row) => (row.connectionsStep!.pssBytes ?? row.connectionsStep!.projectedPssBytes) !== null);
    if (drawn.length === 0) return null;
    const steps = [...new Set(rows.map((row) => row.connections))].sort((a, b) => a - b);
    const labelOf = new Map(costs.map((cost) => [`${cost.model} ${cost.series}`, lineLabel(cost)]));
    const values = drawn.map((row) => {
      const step = row.connectionsStep!;
      const projected = step.pssBytes === null;
      return {
        ...rowFields(row),
        connections: row.connections,
        mib: (step.pssBytes ?? step.projectedPssBytes!) / MIB,
        kind: projected ? 'projected' : 'measured',
        series: step.series === 'default' ? 'default cap' : 'cap raised or none',
        line: labelOf.get(`${row.model} ${step.series}`)!,
      };
    });
    // A default-cap series was run from its first step above the cap: below it the model ran as with its cap
    // raised (the raised series' steps), so its dashed line starts from the last of them.
    for (const cost of costs.filter((c) => c.series === 'default' && c.cap !== null)) {
      const from = values.filter((v) => v.model === cost.model && v.kind === 'measured' && v.series !== 'default cap' && v.connections <= cost.cap!).at(-1);
      if (from) values.push({ ...from, series: 'default cap', line: lineLabel(cost) });
    }
    const domain = decadesAround(values.map((v) => v.mib));
    // Each line's label at the height of its last measured point, nudged apart where lines end close together.
    const labelled = costs.filter((cost) => cost.top);
    const ends = labelled.map((cost) => cost.top!.connectionsStep!.pssBytes! / MIB);
    const at = spreadLabels(ends.map((mib) => logPixel(mib, domain, HEIGHT)), LABEL_GAP, HEIGHT);
    const labels = labelled.map((cost, i) => ({ model: cost.model, line: lineLabel(cost), labelY: at[i]! }));
    const memory = memorySize(results.env.memoryBytes);
    // Where the machine's whole memory would end each line: far past the steps run, so said, not drawn.
    const walled = costs.filter((cost) => cost.series !== 'default' && cost.wallConnections !== null);
    const wallNote = `At those costs this machine's ${memory} would hold about ${andList(walled.map((cost) => `${num(cost.wallConnections!)} ${seriesLabel(cost)}`))} connections`;
    const x = { field: 'connections', type: 'quantitative', title: 'Open connections (log scale)', scale: { type: 'log' }, axis: { values: steps, format: ',d' } };
    const y = { field: 'mib', type: 'quantitative', title: 'Server memory, PSS (MiB, log scale)', scale: { type: 'log', domain, nice: false }, axis: { format: ',~r' } };
    const colour = { ...colourByModel(rows), legend: null };
    const dash = { field: 'series', type: 'nominal', title: 'Series', legend: null, scale: { domain: ['cap raised or none', 'default cap'], range: [SERIES_DASH.raised, SERIES_DASH.default] } };
    return {
      rows,
      subtitle: `Steps of ${steps.map(num).join(', ')} connections, ${rows[0]!.messageSize} B echoes`,
      notes: [...(walled.length > 0 ? [wallNote] : []), ...(costs.some((cost) => cost.rows.some((row) => row.connectionsStep!.projected)) ? ['Hollow points: projected, not run'] : [])],
      body: {
        width: WIDTH,
        height: HEIGHT,
        layer: layers(
          {
            data: { values },
            layer: [
              { transform: [{ filter: "datum.kind == 'measured'" }], mark: { type: 'line', point: true }, encoding: { x, y, color: colour, strokeDash: dash, detail: { field: 'line' } } },
              { transform: [{ filter: "datum.kind == 'projected'" }], mark: { type: 'point', filled: false, size: 80, strokeWidth: 2 }, encoding: { x, y, color: colour } },
            ],
          },
          {
            data: { values: labels },
            mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10, fontWeight: 'bold' },
            encoding: { x: { value: WIDTH + 8 }, y: { field: 'labelY', type: 'quantitative', scale: null }, color: colour, text: { field: 'line' } },
          },
        ),
        resolve: { scale: { color: 'shared' } },
      },
    };
  },
};
