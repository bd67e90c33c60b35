/** Grouping and ordering result rows: scenarios in the order the run recorded them, points by parameters, models by id. */
import type { ResultRow, ResultsFile, ScenarioRecord } from '../results/schema.js';
import { MODEL_ORDER } from './model-colours.js';
import { aboveCpuLimit } from '../results/cpu-limit.js';

/** What ordering needs of a run: its rows and its scenarios' declarations. */
type Run = Pick<ResultsFile, 'scenarios' | 'results'>;

/** Within one scenario: by point, then by model. */
function comparePoints(a: ResultRow, b: ResultRow): number {
  return (
    (a.serverCores ?? 0) - (b.serverCores ?? 0) ||
    a.connections - b.connections ||
    a.messageSize - b.messageSize ||
    (a.targetRate ?? 0) - (b.targetRate ?? 0) ||
    MODEL_ORDER.indexOf(a.model) - MODEL_ORDER.indexOf(b.model)
  );
}

/** Scenarios in the run's order (its `scenarios`); a row naming no declared scenario follows, alphabetically. */
function compareInRun(run: Run): (a: ResultRow, b: ResultRow) => number {
  const order = run.scenarios.map((scenario) => scenario.name);
  const rank = (scenario: string) => {
    const index = order.indexOf(scenario);
    return index === -1 ? order.length : index;
  };
  return (a, b) => rank(a.scenario) - rank(b.scenario) || a.scenario.localeCompare(b.scenario) || comparePoints(a, b);
}

export function sortRows(run: Run): ResultRow[] {
  return [...run.results].sort(compareInRun(run));
}

/** Scenario names present in the rows, in the run's order. */
export function scenariosIn(run: Run): string[] {
  return [...new Set(sortRows(run).map((row) => row.scenario))];
}

/** The run's declaration of a scenario, as recorded. */
export function declarationOf(run: Pick<ResultsFile, 'scenarios'>, scenario: string): ScenarioRecord | undefined {
  return run.scenarios.find((declared) => declared.name === scenario);
}

export function rowsOf(rows: readonly ResultRow[], scenario: string): ResultRow[] {
  return rows.filter((row) => row.scenario === scenario).sort(comparePoints);
}

/** A scenario's parameter point as a short label, e.g. "echo-small c=16". */
export function pointLabel(row: ResultRow): string {
  return `${row.scenario} c=${row.connections}`;
}

/** What sets apart rows of one scenario and connection count: the server's cores, a capped model's series. */
const SETS_APART: ((row: ResultRow) => string)[] = [
  (row) => (row.serverCores == null ? 'unpinned' : `${row.serverCores} core${row.serverCores === 1 ? '' : 's'}`),
  (row) => ({ uncapped: 'uncapped', raised: 'cap raised', default: 'default cap' })[row.connectionsStep?.series ?? 'uncapped'],
];

/**
 * A point label for each of `rows` that tells apart rows sharing a point ("cpu c=16, 2 cores"): what
 * differs among the rows of its point is added, so a chart never draws two rows of a model in one place.
 */
export function distinctPointLabels(rows: readonly ResultRow[]): (row: ResultRow) => string {
  const differs = (row: ResultRow, part: (row: ResultRow) => string) => new Set(rows.filter((other) => pointLabel(other) === pointLabel(row)).map(part)).size > 1;
  return (row) => [pointLabel(row), ...SETS_APART.filter((part) => differs(row, part)).map((part) => part(row))].join(', ');
}

/** Rows whose numbers can be compared at face value (not failed, not cut short, not above their CPU limit). */
export function usable(rows: readonly ResultRow[]): ResultRow[] {
  return rows.filter((row) => row.status === 'ok' && !aboveCpuLimit(row));
}
