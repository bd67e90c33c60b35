/**
 * The CPU-bound scenario against the machine's ceiling: with W µs of work per message, one core can
 * do at most 1e6/W messages per second and N cores N times that. Parallel models can approach the
 * N-core line; single-threaded ones stop at the 1-core line.
 */
import { atMostCpus, cpuLimit, serverCpuCount } from '../cpu-budget.js';
import { num } from '../../results/format.js';
import { rowsOf } from '../rows.js';
import { colourByModel, estimateFields, FADE_UNLESS_MEASURED, layers, modelAxis, rowFields, statusMarkers, type ChartDefinition, type VlSpec } from './spec.js';

const WIDTH = 440;

function withData(layer: VlSpec | null, values: unknown[]): VlSpec | null {
  return layer && { data: { values }, ...layer };
}

export const cpuVsLimit: ChartDefinition = {
  name: 'cpu-vs-machine-limit',
  scenario: 'cpu',
  title: 'CPU-bound throughput against the machine limit',
  caption:
    'Every message costs the server a fixed amount of CPU work, so the machine sets a ceiling: one core can do at ' +
    'most 1,000,000 / (µs of work per message) messages per second, and N cores N times that (dashed lines). ' +
    'A model that runs the work on one thread cannot pass the 1-core line; models with several processes or ' +
    'threads can approach the all-cores line, never more. Whisker = the range of the repeats; a faded bar with a black ' +
    'marker on its end is not a plain measurement (see Status).',
  build(results) {
    // At the most server cores of a core sweep: the scaling chart draws the others.
    const worked = rowsOf(results.results, 'cpu').filter((row) => row.workUsPerMessage > 0);
    if (worked.length === 0) return null;
    const rows = atMostCpus(worked, results);
    const work = rows[0]!.workUsPerMessage;
    const cpus = Math.max(...rows.map((row) => serverCpuCount(row, results)));
    const limitAt = (n: number, what: string) => ({ label: `${what}: ${num(cpuLimit(n, work))} msgs/s`, value: cpuLimit(n, work) });
    const limits = [limitAt(1, '1 core'), limitAt(results.env.cores, `machine, ${results.env.cores} cores`)];
    if (cpus !== 1 && cpus !== results.env.cores) limits.push(limitAt(cpus, `server's ${cpus} CPUs`));
    // Right of the plot, at the line's height: inside it a label would sit on the bars that reach the line.
    const limitLabels = { data: { values: limits }, mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 11, color: '#222' }, encoding: { x: { value: WIDTH }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } };
    const values = rows.map((row) => ({ ...rowFields(row), ...estimateFields(row.msgsPerSec) }));
    const x = modelAxis(rows);
    const y = { field: 'value', type: 'quantitative', title: 'Throughput (msgs/s, median of repeats)', scale: { domainMin: 0 } };
    return {
      rows,
      subtitle: `${work} µs of CPU per ${rows[0]!.messageSize} B message, ${rows[0]!.connections} connections, closed loop; server on ${cpus} CPU(s)`,
      body: {
        width: WIDTH,
        height: 300,
        layer: layers(
          { data: { values }, mark: { type: 'bar' }, encoding: { x, y, color: colourByModel(rows), opacity: FADE_UNLESS_MEASURED } },
          { data: { values }, mark: { type: 'rule', color: '#333' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
          { data: { values: limits }, mark: { type: 'rule', strokeDash: [6, 4], color: '#444' }, encoding: { y: { field: 'value', type: 'quantitative' } } },
          limitLabels,
          withData(statusMarkers(rows, { x, y }), values),
        ),
      },
    };
  },
};
