/**
 * The output layer's entry for each kind of scenario: the table bench prints when one is done. A new
 * kind adds its entry here (tsc names the missing key); scenarios/kinds.ts lists its other entries.
 */
import type { ResultRow } from '../../results/schema.js';
import type { ScenarioKind } from '../../results/scenario-kind.js';
import { formatAbandonedTable } from './abandoned-table.js';
import { formatCapacityTable } from './capacity-table.js';
import { formatConnectionsTable } from './connections-table.js';
import { formatCostTable } from './cost-table.js';
import { formatTable } from './table.js';

/** `memoryBytes`: the machine's, which the connections table measures its steps against. */
type ScenarioTable = (rows: readonly ResultRow[], memoryBytes: number) => string;

/** The figures table, then what a message (or a connection) cost each model where the rows read it. */
const withCost = (table: ScenarioTable): ScenarioTable => (rows, memoryBytes) => {
  const cost = formatCostTable(rows);
  return `${table(rows, memoryBytes)}${cost ? `\n${cost}` : ''}`;
};

export const SCENARIO_TABLES: Record<ScenarioKind, ScenarioTable> = {
  'closed-loop': withCost(formatTable),
  cpu: withCost(formatTable),
  'slow-client': withCost(formatTable),
  churn: withCost(formatTable),
  'open-loop': withCost(formatTable),
  // A search's steps cost what their rates made them cost: its table is the answer, not the steps.
  capacity: formatCapacityTable,
  abandoned: withCost(formatAbandonedTable),
  connections: withCost(formatConnectionsTable),
};
