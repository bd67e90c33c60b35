/**
 * What a reader must know about a row before trusting its numbers, as one label per row,
 * drawn with the same shape and opacity in every chart.
 */
import type { ResultRow } from './schema.js';

export const STATUS_LABELS = ['measured', 'client-bound', 'rate shortfall', 'incomplete', 'failed'] as const;
export type StatusLabel = (typeof STATUS_LABELS)[number];

const SHAPES: Record<StatusLabel, string> = {
  measured: 'circle',
  'client-bound': 'triangle-up',
  'rate shortfall': 'diamond',
  incomplete: 'square',
  failed: 'cross',
};

const OPACITY: Record<StatusLabel, number> = {
  measured: 1,
  'client-bound': 0.55,
  'rate shortfall': 0.55,
  incomplete: 0.4,
  failed: 0.25,
};

/** The worst thing about a row: a failed row's numbers mean least, a client-bound one's are lower bounds. */
export function rowStatus(row: ResultRow): StatusLabel {
  if (row.status === 'failed') return 'failed';
  if (row.status === 'incomplete') return 'incomplete';
  if (row.client.clientBound) return 'client-bound';
  if (row.rateShortfall) return 'rate shortfall';
  return 'measured';
}

/**
 * Shape and opacity scales restricted to the statuses present, so legends list only what is drawn.
 * Without `measured`: for bar charts, where only the exceptions get a marker.
 */
export function statusScales(
  rows: readonly ResultRow[],
  includeMeasured = true,
): { domain: StatusLabel[]; shapes: string[]; opacities: number[] } {
  const present = new Set(rows.map(rowStatus));
  if (!includeMeasured) present.delete('measured');
  const domain = STATUS_LABELS.filter((status) => present.has(status));
  return { domain, shapes: domain.map((s) => SHAPES[s]), opacities: domain.map((s) => OPACITY[s]) };
}
