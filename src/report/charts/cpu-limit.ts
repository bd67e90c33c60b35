/**
 * The CPU-bound scenario against the machine's ceiling: with W µs of work per message, one core can
 * do at most 1e6/W messages per second and N cores N times that. Parallel models can approach the
 * N-core line; single-threaded ones stop at the 1-core line.
 */
import type { ResultRow, ResultsFile } from '../../harness/results-schema.js';
import { num } from '../format.js';
import { rowsOf } from '../rows.js';
import { colourByModel, FADE_UNLESS_MEASURED, layers, modelAxis, rowFields, statusMarkers, type ChartDefinition, type VlSpec } from './spec.js';

/** CPUs the server could use: those it was pinned to, else every core. */
export function serverCpuCount(row: ResultRow, results: ResultsFile): number {
  const placement = row.placement ?? results.env.placement;
  return placement.pinned && placement.serverCpus ? placement.serverCpus.length : results.env.cores;
}

/** msgs/s ceiling for `cpus` cores at `workUs` µs of work per message. */
export function cpuLimit(cpus: number, workUs: number): number {
  return (cpus * 1e6) / workUs;
}

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
    'threads can approach the all-cores line, never more. Whisker = 95 % confidence interval.',
  build(results) {
    const rows = rowsOf(results.results, 'cpu').filter((row) => row.workUsPerMessage > 0);
    if (rows.length === 0) return null;
    const work = rows[0]!.workUsPerMessage;
    const cpus = Math.max(...rows.map((row) => serverCpuCount(row, results)));
    const limitAt = (n: number, what: string) => ({ label: `${what}: ${num(cpuLimit(n, work))} msgs/s`, value: cpuLimit(n, work) });
    const limits = [limitAt(1, '1 core'), limitAt(results.env.cores, `machine, ${results.env.cores} cores`)];
    if (cpus !== 1 && cpus !== results.env.cores) limits.push(limitAt(cpus, `server's ${cpus} CPUs`));
    // Text over bars: the same label drawn first as a thick white outline keeps it legible.
    const label = (outline: boolean): VlSpec => ({
      data: { values: limits },
      mark: { type: 'text', align: 'right', dy: -7, fontSize: 11, color: '#222', ...(outline ? { stroke: 'white', strokeWidth: 4, strokeJoin: 'round' } : {}) },
      encoding: { x: { value: 'width' }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
    });
    const values = rows.map((row) => ({ ...rowFields(row), msgs: row.msgsPerSec.median, lo: row.msgsPerSec.ci95[0], hi: row.msgsPerSec.ci95[1] }));
    const x = modelAxis(rows);
    const y = { field: 'msgs', type: 'quantitative', title: 'Throughput (msgs/s, median of repeats)', scale: { domainMin: 0 } };
    return {
      rows,
      subtitle: `${work} µs of CPU per ${rows[0]!.messageSize} B message, ${rows[0]!.connections} connections, closed loop; server on ${cpus} CPU(s)`,
      body: {
        width: 440,
        height: 300,
        layer: layers(
          { data: { values }, mark: { type: 'bar' }, encoding: { x, y, color: colourByModel(rows), opacity: FADE_UNLESS_MEASURED } },
          { data: { values }, mark: { type: 'rule', color: '#333' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
          { data: { values: limits }, mark: { type: 'rule', strokeDash: [6, 4], color: '#444' }, encoding: { y: { field: 'value', type: 'quantitative' } } },
          label(true),
          label(false),
          withData(statusMarkers(rows, { x, y: { field: 'hi', type: 'quantitative' } }), values),
        ),
      },
    };
  },
};
