/** The C10K curve: the server's memory (PSS) against open connections, per model, with where this machine's memory would end each line. */
import { MIB, num } from '../../results/format.js';
import { memorySize } from '../../results/memory-size.js';
import { seriesCosts, seriesLabel, type SeriesCost } from '../../results/connection-cost.js';
import { rowsOf } from '../rows.js';
import { colourByModel, haloText, layers, rowFields, type ChartDefinition } from './spec.js';

/** Labels at one point stack this factor apart on the log memory axis (about one line of text). */
const LABEL_STEP = 1.3;

const SERIES_DASH = { uncapped: [1, 0], raised: [1, 0], default: [5, 3] } as const;

/** "fork (cap raised): 9.1 MiB a connection"; a capped series at its default says what waits instead. */
function lineLabel(cost: SeriesCost): string {
  const queued = cost.top?.connectionsStep?.queued ?? 0;
  if (cost.series === 'default' && queued > 0) return `${seriesLabel(cost)}: ${num(queued)} queued`;
  return `${seriesLabel(cost)}: ${cost.bytesPerConnection === null ? 'no growth measured' : `${memorySize(cost.bytesPerConnection)} a connection`}`;
}

export const memoryPerConnection: ChartDefinition = {
  name: 'memory-per-connection',
  scenario: 'connections',
  title: 'What a connection costs: server memory (PSS) against open connections',
  caption:
    'Connections were opened in steps and held live (an echo on opening, then one every few seconds); at each step the server’s memory ' +
    'is the PSS summed over its processes (shared pages counted once). Each line is labelled with its cost per connection: the memory its ' +
    'largest measured step added over the idle server, per connection. Capped models ran twice: cap raised to the step (solid: a process or ' +
    'a thread per connection) and at their default cap (dashed, from the last step within that cap, where both are the same: the memory ' +
    'stays flat and the extra connections wait, counted as queued). ' +
    'Hollow points are projected from the previous step, not run (they would pass half of the memory available, the open-file limit or the ' +
    'time budget). Dotted vertical rules mark where each line would reach this machine’s whole memory, at the cost per connection it was measured at. Both axes are logarithmic.',
  build(results) {
    const rows = rowsOf(results.results, 'connections').filter((row) => row.connectionsStep);
    const costs = seriesCosts(rows, results.env.memoryBytes);
    const drawn = rows.filter((row) => (row.connectionsStep!.pssBytes ?? row.connectionsStep!.projectedPssBytes) !== null);
    if (drawn.length === 0) return null;
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
        queuedLabel: step.queued ? `${num(step.queued)} queued` : '',
      };
    });
    // A default-cap series was run from its first step above the cap: below it the model ran as with its cap
    // raised (the raised series' steps), so its dashed line starts from the last of them.
    for (const cost of costs.filter((c) => c.series === 'default' && c.cap !== null)) {
      const from = values.filter((v) => v.model === cost.model && v.kind === 'measured' && v.series !== 'default cap' && v.connections <= cost.cap!).at(-1);
      if (from) values.push({ ...from, series: 'default cap', line: lineLabel(cost), queuedLabel: '' });
    }
    // Each line's label at its last measured point; labels at the same point stack (above for a raised or
    // uncapped series, below for a default-cap one, which starts at the same steps).
    const stacked = new Map<string, number>();
    const ends = costs
      .filter((cost) => cost.top)
      .map((cost) => {
        const below = cost.series === 'default';
        const key = `${cost.top!.connections} ${below}`;
        const index = stacked.get(key) ?? 0;
        stacked.set(key, index + 1);
        return { model: cost.model, connections: cost.top!.connections, mib: cost.top!.connectionsStep!.pssBytes! / MIB, line: lineLabel(cost), labelMib: (cost.top!.connectionsStep!.pssBytes! / MIB) * LABEL_STEP ** (below ? -(index + 1) : index + 1) };
      });
    const memory = memorySize(results.env.memoryBytes);
    // At each wall a short label ("fork: 1,850"), stacked down from the top; the sentence for each in the notes.
    const walled = costs.filter((cost) => cost.series !== 'default' && cost.wallConnections !== null);
    const walls = walled.map((cost, i) => ({ model: cost.model, connections: cost.wallConnections!, wallLabel: `${cost.model}: ${num(cost.wallConnections!)}`, offset: 12 + 13 * i }));
    const wallNotes = walled.map((cost) => `${seriesLabel(cost)}: at about ${memorySize(cost.bytesPerConnection)} a connection, ${memory} holds about ${num(cost.wallConnections!)}`);
    const x = { field: 'connections', type: 'quantitative', title: 'Open connections (log scale)', scale: { type: 'log' } };
    const y = { field: 'mib', type: 'quantitative', title: 'Server memory, PSS (MiB, log scale)', scale: { type: 'log' } };
    const colour = colourByModel(rows);
    const dash = { field: 'series', type: 'nominal', title: 'Series', legend: null, scale: { domain: ['cap raised or none', 'default cap'], range: [SERIES_DASH.raised, SERIES_DASH.default] } };
    return {
      rows,
      subtitle: `Steps of ${[...new Set(rows.map((row) => row.connections))].map(num).join(', ')} connections, ${rows[0]!.messageSize} B echoes; walls at ${memory}, the machine's whole memory`,
      notes: [...wallNotes, ...(costs.some((cost) => cost.rows.some((row) => row.connectionsStep!.projected)) ? ['Hollow points: projected, not run'] : [])],
      body: {
        width: 640,
        height: 380,
        layer: layers(
          {
            data: { values },
            layer: [
              { transform: [{ filter: "datum.kind == 'measured'" }], mark: { type: 'line', point: true }, encoding: { x, y, color: colour, strokeDash: dash, detail: { field: 'line' } } },
              { transform: [{ filter: "datum.kind == 'projected'" }], mark: { type: 'point', filled: false, size: 80, strokeWidth: 2 }, encoding: { x, y, color: colour } },
              ...haloText({ dy: 14, fontSize: 9 }, { x, y, text: { field: 'queuedLabel' } }),
            ],
          },
          { data: { values: ends }, layer: haloText({ align: 'left', dx: 6 }, { x, y: { ...y, field: 'labelMib' }, text: { field: 'line' } }) },
          walls.length === 0
            ? null
            : {
                data: { values: walls },
                layer: [
                  { mark: { type: 'rule', strokeDash: [2, 2] }, encoding: { x, color: colour } },
                  ...haloText({ align: 'right', dx: -4 }, { x, y: { field: 'offset', type: 'quantitative', scale: null }, text: { field: 'wallLabel' } }),
                ],
              },
        ),
        resolve: { scale: { color: 'shared' } },
      },
    };
  },
};
