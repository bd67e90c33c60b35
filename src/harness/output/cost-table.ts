/**
 * The cost of one message (under churn, of one connection) per row, from its anatomy: why a row costs
 * what it costs, and why one is client-bound. Columns: results/cost-columns.ts, shared with the report.
 */
import { fittedTable } from './fit-columns.js';
import { COST_COLUMNS, costRows } from '../../results/cost-columns.js';
import type { ResultRow } from '../../results/schema.js';

/** Words wrap, and so may a pair at its " / " ("1.53 /" over "0.0661"): its figures stay whole. */
export function formatCostTable(rows: readonly ResultRow[]): string | null {
  const cost = costRows(rows);
  if (!cost) return null;
  const lines = cost.rows.map((row) => COST_COLUMNS.map((column) => column.cell(row)));
  return `${cost.title}\n${fittedTable(COST_COLUMNS.map((column) => column.header), lines, ['most CPU in', 'model', 'switches vol / invol', 'syscalls read / write', 'its switches'])}`;
}
