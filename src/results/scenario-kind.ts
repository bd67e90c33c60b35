/**
 * A scenario's kind, read from what its rows carry: the one place the report, the tables and the cost
 * figures tell a capacity search from an open loop or a slow-client run. The first rule that holds names it.
 */
import type { ResultRow } from './schema.js';

export type ScenarioKind = 'abandoned' | 'connections' | 'capacity' | 'slow-client' | 'churn' | 'open-loop' | 'cpu' | 'closed-loop';

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
  return RULES.find(([, holds]) => holds(row))![0];
}
