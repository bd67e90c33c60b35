/**
 * What a reader must know about a row before trusting its numbers, for the terminal's tables and the
 * report's alike: the worst as one label per row, drawn with the same shape and opacity in every chart,
 * and every reason spelled out as the tables' marks.
 */
import type { ResultRow } from './schema.js';
import { aboveCpuLimit, rowCpuLimit, serverCpuUsPerMessage } from './cpu-limit.js';
import { latency, num } from './format.js';

const STATUS_LABELS = ['measured', 'client-bound', 'rate shortfall', 'starved', 'above CPU limit', 'nothing completed', 'incomplete', 'failed'] as const;
export type StatusLabel = (typeof STATUS_LABELS)[number];

const SHAPES: Record<StatusLabel, string> = {
  measured: 'circle',
  'client-bound': 'triangle-up',
  'rate shortfall': 'diamond',
  starved: 'triangle-right',
  'above CPU limit': 'wedge',
  'nothing completed': 'triangle-down',
  incomplete: 'square',
  failed: 'cross',
};

const OPACITY: Record<StatusLabel, number> = {
  measured: 1,
  'client-bound': 0.55,
  'rate shortfall': 0.55,
  starved: 0.4,
  'above CPU limit': 0.4,
  'nothing completed': 0.4,
  incomplete: 0.4,
  failed: 0.25,
};

/**
 * Every reason to distrust a row, worst first: a failed row's numbers mean least, one that completed
 * nothing has no rate or latency, a client-bound one's are lower bounds.
 */
export function rowReasons(row: ResultRow): Exclude<StatusLabel, 'measured' | 'starved'>[] {
  const out: Exclude<StatusLabel, 'measured' | 'starved'>[] = [];
  if (row.status === 'failed') out.push('failed');
  if (row.status === 'incomplete') out.push('incomplete');
  if (row.status === 'empty') out.push('nothing completed');
  if (aboveCpuLimit(row)) out.push('above CPU limit');
  if (row.client.clientBound) out.push('client-bound');
  if (row.rateShortfall) out.push('rate shortfall');
  return out;
}

/** The worst thing about a row, the label its table tag shows. */
export function rowStatus(row: ResultRow): StatusLabel {
  return rowReasons(row)[0] ?? 'measured';
}

/** Statuses under which a row still has figures of its own: a chart would draw them as a measurement. */
const DRAWN_AS_FIGURES: readonly StatusLabel[] = ['measured', 'client-bound', 'rate shortfall'];

/**
 * The label a chart draws a row with: its status, or `starved` where connections got no answer at all
 * (sequential serving 1 of 16): its figures are those of the connections served, not of the whole load,
 * so it must not look like a measurement. Tables say it in their starved counts instead.
 */
export function drawnStatus(row: ResultRow): StatusLabel {
  const status = rowStatus(row);
  return row.fairness.starved > 0 && DRAWN_AS_FIGURES.includes(status) ? 'starved' : status;
}

const EXPLAINED: Record<Exclude<StatusLabel, 'measured' | 'starved'>, (row: ResultRow) => string> = {
  failed: (row) => `FAILED: ${row.failure ?? 'no reason recorded'}`,
  incomplete: () => 'incomplete',
  'nothing completed': (row) => `nothing completed: ${row.emptyReason ?? 'no reason recorded'}`,
  // Open loop: the rate is the schedule's; what the generator's lateness touches is the latency.
  'client-bound': (row) => `client-bound: ${clientBoundMeaning(row)}`,
  'rate shortfall': () => 'rate shortfall: offered rate not reached',
  'above CPU limit': (row) => {
    const limit = rowCpuLimit(row)!;
    const spent = serverCpuUsPerMessage(row);
    return (
      `above CPU limit: impossible at ${row.workUsPerMessage} µs of work per message on ${limit.oneThread ? 'one thread' : `${limit.cpus} CPU(s)`} (at most ${num(limit.msgsPerSec)} msgs/s); ` +
      `the server spent ${spent === null ? 'an unmeasured amount of' : `${num(spent)} µs of`} CPU per message, so the work cost less than calibrated and the figure is not ranked`
    );
  },
};

/** What being client-bound means for a row's numbers, by its loop: its latency (open) or its throughput (closed). */
export const CLIENT_BOUND_MEANS = {
  open: 'the generator sent late, and its latency includes that lateness',
  closed: 'throughput is a lower bound',
} as const;

/** An open-loop row's lateness: the figure its client-bound mark rests on (null for a closed loop). */
export function sendLagText(row: ResultRow): string | null {
  return row.targetRate !== undefined ? `send lag p99 ${latency(row.client.sendLagP99Us ?? null)}` : null;
}

/** What being client-bound means for this row's numbers, with its lateness where it has one. */
export function clientBoundMeaning(row: ResultRow): string {
  const lag = sendLagText(row);
  return lag ? CLIENT_BOUND_MEANS.open.replace('sent late', `sent late (${lag})`) : CLIENT_BOUND_MEANS.closed;
}

/** Every reason to distrust a row, each said with what it means for the numbers; empty when they stand as they are. */
export function rowMarks(row: ResultRow): string[] {
  return rowReasons(row).map((reason) => EXPLAINED[reason](row));
}

/**
 * Shape and opacity scales restricted to the statuses drawn (drawnStatus), so legends list only what is drawn.
 * Without `measured`: for bar charts, where only the exceptions get a marker.
 */
export function statusScales(
  rows: readonly ResultRow[],
  includeMeasured = true,
): { domain: StatusLabel[]; shapes: string[]; opacities: number[] } {
  const present = new Set(rows.map(drawnStatus));
  if (!includeMeasured) present.delete('measured');
  const domain = STATUS_LABELS.filter((status) => present.has(status));
  return { domain, shapes: domain.map((s) => SHAPES[s]), opacities: domain.map((s) => OPACITY[s]) };
}
