/** The abandoned scenario: how long a new client waited for its first echo after departed clients, and the CPU they cost. */
import { latency, num } from '../../results/format.js';
import { departureKind } from '../../results/departure-text.js';
import { rowsOf } from '../rows.js';
import { colourByModel, FADE_UNLESS_MEASURED, haloText, layers, logFloor, modelAxis, rowFields, type ChartDefinition, type VlSpec } from './spec.js';

export const abandonedFirstEcho: ChartDefinition = {
  name: 'abandoned-first-echo',
  scenario: 'abandoned',
  title: 'A new client after departed clients: time to first echo, and server CPU meanwhile',
  caption:
    'Busy connections got one echo each and stayed open, filling the slots of the models that cap them; then many clients ' +
    'connected and left, the busy connections closed, and one new client sent one message. Each row of panels is one way ' +
    'of leaving: with nothing sent (nothing owed), or after sending a byte and half-closing (a correct server still owes that ' +
    'client its echo, and pays for it). ' +
    'Left: from that client’s connect to its echo. Right, for the same models in the same order: CPU the server’s processes spent from the first departure to ' +
    'that echo. Log scales: models differ by orders of magnitude. A model that serves each departed client anyway (a process, ' +
    'a thread or a task for a client that is gone) pays for every one before it reaches the new client; one that ' +
    'notices the departures in its queue does not. A faded bar is not a plain measurement (its model’s label says why, e.g. “worker (failed)”); one whose new client got no ' +
    'echo stands at the deadline (“>”), with the CPU spent until then (“≥”).',
  build(results) {
    const rows = rowsOf(results.results, 'abandoned').filter((row) => row.abandoned);
    if (rows.length === 0) return null;
    const kinds = [...new Set(rows.map((row) => row.abandoned!.departureBytes))].sort((a, b) => a - b);
    // No echo by the deadline: drawn at the deadline, labelled as a lower bound.
    const echoMs = rows.map((row) => row.abandoned!.firstEchoMs ?? row.abandoned!.deadlineSec * 1000);
    const cpuSec = rows.map((row) => row.abandoned!.serverCpuSec);
    const echoFloor = logFloor(echoMs);
    const cpuFloor = logFloor(cpuSec.filter((s): s is number => s !== null));
    const values = rows.map((row, i) => {
      const answered = row.abandoned!.firstEchoMs !== null;
      return {
        ...rowFields(row),
        departureBytes: row.abandoned!.departureBytes,
        echoMs: Math.max(echoFloor, echoMs[i]!),
        echoLabel: `${answered ? '' : '> '}${latency(echoMs[i]! * 1000)}`,
        cpuSec: cpuSec[i] === null ? null : Math.max(cpuFloor, cpuSec[i]!),
        cpuLabel: cpuSec[i] === null ? 'not measured' : `${answered ? '' : '≥ '}${latency(cpuSec[i]! * 1e6)}`,
      };
    });
    const colour = colourByModel(rows);
    // One row of panels per way of leaving, each with its own models' axis (both share the log scales' floors).
    const panelRow = (bytes: number): VlSpec => {
      const kindRows = rows.filter((row) => row.abandoned!.departureBytes === bytes);
      // A row that is not a plain measurement says so in its model's label, not in a marker floating beside its bar.
      // Models down the side, bars across: each figure beside its bar's end, where nine labels have room.
      const byModel = modelAxis(kindRows, true);
      const model = { ...byModel, title: null, axis: { ...(byModel.axis as VlSpec | undefined), labelAngle: 0 } };
      const panel = (field: string, label: string, title: string, floor: number, showModels: boolean): VlSpec => {
        const top = Math.max(...values.filter((v) => v.departureBytes === bytes).map((v) => (v as Record<string, unknown>)[field] as number | null).filter((v): v is number => v !== null));
        // Room right of the longest bar for its figure: half a decade on the log scale.
        const x = { field, type: 'quantitative', title, scale: { type: 'log', domain: [floor, top * 4], nice: false }, axis: { values: Array.from({ length: 12 }, (_, k) => floor * 10 ** k).filter((v) => v <= top * 4) } };
        const y = showModels ? model : { ...model, axis: { ...model.axis, labels: false, ticks: false } };
        return {
          width: 280,
          height: 22 * kindRows.length,
          transform: [{ filter: `datum.departureBytes == ${bytes}` }],
          layer: layers(
            { transform: [{ filter: `datum.${field} != null` }], mark: { type: 'bar' }, encoding: { y, x, x2: { datum: floor }, color: colour, opacity: FADE_UNLESS_MEASURED } },
            ...haloText({ align: 'left', baseline: 'middle', dx: 4 }, { y, x: { field, type: 'quantitative' }, text: { field: label } }),
          ),
        };
      };
      return {
        title: { text: `Departing clients left after: ${departureKind({ departureBytes: bytes })}`, anchor: 'start', fontSize: 12 },
        hconcat: [panel('echoMs', 'echoLabel', 'Time to first echo (ms, log scale)', echoFloor, true), panel('cpuSec', 'cpuLabel', 'Server CPU meanwhile (s, log scale)', cpuFloor, false)],
        spacing: 24,
      };
    };
    const { clients } = rows[0]!.abandoned!;
    return {
      rows,
      subtitle: `${num(clients)} clients connected and left while ${rows[0]!.connections} connections held each server; then one new client sent ${rows[0]!.messageSize} B`,
      body: { data: { values }, vconcat: kinds.map(panelRow), spacing: 30 },
    };
  },
};
