/** Grouping and ordering result rows: scenarios in the suite's order, points by connections, models by id. */
import { DEFAULT_SUITE } from '../scenarios/index.js';
import type { ResultRow } from '../results/schema.js';
import { MODEL_ORDER } from './model-colours.js';

/** The default suite's order; other scenarios (custom runs) follow alphabetically. */
const SUITE_ORDER = DEFAULT_SUITE.map((scenario) => scenario.name);

function scenarioRank(scenario: string): number {
  const index = SUITE_ORDER.indexOf(scenario);
  return index === -1 ? SUITE_ORDER.length : index;
}

export function compareRows(a: ResultRow, b: ResultRow): number {
  return (
    scenarioRank(a.scenario) - scenarioRank(b.scenario) ||
    a.scenario.localeCompare(b.scenario) ||
    a.connections - b.connections ||
    a.messageSize - b.messageSize ||
    MODEL_ORDER.indexOf(a.model) - MODEL_ORDER.indexOf(b.model)
  );
}

export function sortRows(rows: readonly ResultRow[]): ResultRow[] {
  return [...rows].sort(compareRows);
}

/** Scenario names present, in suite order. */
export function scenariosIn(rows: readonly ResultRow[]): string[] {
  return [...new Set(sortRows(rows).map((row) => row.scenario))];
}

export function rowsOf(rows: readonly ResultRow[], scenario: string): ResultRow[] {
  return sortRows(rows.filter((row) => row.scenario === scenario));
}

/** A scenario's parameter point as a short label, e.g. "echo-small c=16". */
export function pointLabel(row: ResultRow): string {
  return `${row.scenario} c=${row.connections}`;
}

/** Rows whose numbers can be compared at face value (not failed, not cut short). */
export function usable(rows: readonly ResultRow[]): ResultRow[] {
  return rows.filter((row) => row.status === 'ok');
}
