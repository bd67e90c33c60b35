/**
 * A row's scenario kind: the one place the report, the tables and the cost figures tell a capacity
 * search from an open loop or a slow-client run. Rows record it; a file written before they did is
 * read by the rules below (the first that holds names it), which test/harness/scenario-kinds.test.ts
 * holds to the kinds the scenarios declare.
 */
import type { ResultRow, ScenarioKind } from './schema.js';

export type { ScenarioKind };

const RULES: readonly [ScenarioKind, (row: ResultRow) => boolean][] = [
  ['abandoned', (row) => row.abandoned !== undefined],
  ['connections', (row) => row.connectionsStep !== undefined],
  ['capacity', (row) => row.rateSearch !== undefined],
  ['slow-client', (row) => row.idleConnections > 0],
  ['churn', (row) => row.mode === 'churn'],
  ['open-loop', (row) => row.mode === 'open'],
  ['cpu', (row) => row.workUsPerMessage > 0],
  ['closed-loop', () => true],
];

export function kindOf(row: ResultRow): ScenarioKind {
  return row.kind ?? derivedKind(row);
}

/** The kind a row without one reads as, from the fields its kind fills. */
export function derivedKind(row: ResultRow): ScenarioKind {
  return RULES.find(([, holds]) => holds(row))![0];
}
