/** A point's row marked failed: built from nothing (no server, a failed generator), or over what was measured (the server died). */
import type { Placement, ResultRow } from '../../results/schema.js';
import type { Point } from '../../scenarios/scenario.js';
import { baseRow } from './base-row.js';

/** Nothing was measured: every connection counts as starved, since none got an echo. */
export function failedRow(point: Point, model: ResultRow['model'], placement: Placement, durationSec: number, failure: string): ResultRow {
  const row = baseRow(point, model, placement, durationSec);
  return { ...row, status: 'failed', failure, fairness: { ...row.fairness, starved: point.connections } };
}

/** What was measured stays; the row says why it cannot be trusted. */
export function markFailed(row: ResultRow, failure: string): ResultRow {
  return { ...row, status: 'failed', failure };
}
