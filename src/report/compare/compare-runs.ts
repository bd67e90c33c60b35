/** Pairs the rows of two runs (same model, scenario and parameters) and compares throughput and p99 latency. */
import { answersNeeded } from '../../results/latency-support.js';
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { pointLabel, sortRows } from '../rows.js';
import { percentileRatio } from './quantile-bootstrap.js';
import { runDifferences, type RunDifference } from './run-differences.js';
import { welchRatio, type RatioEstimate } from './welch.js';

/** A ratio B/A with the figures it compares and its significance mark ('***', '**', '*', 'n.s.' or ''). */
export type MetricComparison = RatioEstimate & { mark: string };

export interface Comparison {
  scenario: string;
  point: string;
  model: string;
  msgsPerSec: MetricComparison;
  p99Us: MetricComparison;
  /** Failed / empty / client-bound / incomplete on either side: the ratio may mean little, and gets no mark. */
  warnings: string[];
}

export interface ComparisonReport {
  runA: string;
  runB: string;
  /** Machine, options and placements that differ between the runs: each can move a ratio. */
  differences: RunDifference[];
  comparisons: Comparison[];
  /** Rows present in one run only, as "model in point". */
  onlyInA: string[];
  onlyInB: string[];
  /** Scenarios whose capacity searches were left out: a search picks its steps' rates run by run, so steps do not pair. */
  searchesNotCompared: string[];
}

/** Rows are the same measurement when everything but the results matches. */
function key(row: ResultRow): string {
  return [row.model, row.scenario, row.mode, row.connections, row.pipelining, row.messageSize, row.workUsPerMessage, row.targetRate ?? ''].join('|');
}

function warnings(row: ResultRow, side: 'A' | 'B'): string[] {
  const out: string[] = [];
  if (row.status !== 'ok') out.push(`${row.status === 'empty' ? 'nothing completed' : row.status} in ${side}`);
  if (row.client.clientBound) out.push(`client-bound in ${side}`);
  return out;
}

/** p99 B/A where a side answered nothing: latency describes answers, so there is no figure and no ratio. */
function unanswered(sides: string[]): RatioEstimate {
  return { a: NaN, b: NaN, figures: 'all samples', ratio: NaN, ci95: null, p: null, note: `no latency recorded: no answer in ${sides.join(' and ')}` };
}

/** The p99s of the repeats that had answers (a repeat with none has no p99). */
const answeredRepeats = (row: ResultRow) => (row.latencyUs.p99Runs ?? []).filter((p99): p99 is number => p99 !== null);

/**
 * p99 B/A: like msgs/s, from the per-repeat p99s when both runs recorded at least two. With one repeat
 * on a side, like msgs/s, the ratio of the two p99s with no interval. Runs that kept no per-repeat
 * p99s fall back to a bootstrap over the merged histograms, which sees sampling noise but not drift
 * between repeats (no mark). A run with no answer at all has no p99: no ratio, a note.
 */
function p99Ratio(a: ResultRow, b: ResultRow): RatioEstimate {
  const silent = [a, b].flatMap((row, i) => (row.latencyUs.count === 0 ? [i === 0 ? 'A' : 'B'] : []));
  if (silent.length > 0) return unanswered(silent);
  const [runsA, runsB] = [answeredRepeats(a), answeredRepeats(b)];
  if (runsA.length >= 2 && runsB.length >= 2) return welchRatio(runsA, runsB);
  const oneRepeat = Math.min(runsA.length || a.repeats, runsB.length || b.repeats) < 2;
  if (!oneRepeat) return percentileRatio(a.latencyUs.histogram, b.latencyUs.histogram);
  const [p99A, p99B] = [a.latencyUs.p99, b.latencyUs.p99];
  if (p99A === null || p99B === null) return { a: p99A ?? NaN, b: p99B ?? NaN, figures: 'all samples', ratio: NaN, ci95: null, p: null, note: `no p99: fewer than ${answersNeeded('p99')} answers` };
  const someSilent = [a, b].some((row) => answeredRepeats(row).length < (row.latencyUs.p99Runs ?? []).length);
  const note = someSilent ? 'CI unavailable: 1 repeat with answers' : 'CI unavailable: 1 repeat';
  return { a: p99A, b: p99B, figures: 'all samples', ratio: p99B / p99A, ci95: null, p: null, note };
}

/** Node's compare.R marks: *** p < 0.001, ** p < 0.01, * p < 0.05; blank when not significant or unknown. */
function stars(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

/**
 * Only a test over repeats earns a mark ('n.s.' when it finds nothing), and only where both rows are ok
 * and neither generator was saturated: a client-bound ratio is the generator's ceiling, not the servers'.
 */
function marked(estimate: RatioEstimate, rowsComparable: boolean): MetricComparison {
  const tested = rowsComparable && estimate.p !== null && estimate.figures === 'geometric mean of repeats';
  return { ...estimate, mark: tested ? stars(estimate.p) || 'n.s.' : '' };
}

function compareRow(a: ResultRow, b: ResultRow): Comparison {
  const rowWarnings = [...warnings(a, 'A'), ...warnings(b, 'B')];
  const comparable = rowWarnings.length === 0;
  return {
    scenario: a.scenario,
    point: pointLabel(a),
    model: a.model,
    msgsPerSec: marked(welchRatio(a.msgsPerSec.runs, b.msgsPerSec.runs), comparable),
    p99Us: marked(p99Ratio(a, b), comparable),
    warnings: rowWarnings,
  };
}

export function compareRuns(runA: ResultsFile, runB: ResultsFile): ComparisonReport {
  const searched = (row: ResultRow) => row.rateSearch !== undefined;
  const [rowsA, rowsOfB] = [runA.results.filter((row) => !searched(row)), runB.results.filter((row) => !searched(row))];
  const rowsB = new Map(rowsOfB.map((row) => [key(row), row]));
  const keysA = new Set(rowsA.map(key));
  const pairs = sortRows({ ...runA, results: rowsA })
    .filter((row) => rowsB.has(key(row)))
    .map((row): [ResultRow, ResultRow] => [row, rowsB.get(key(row))!]);
  // Rows of a -R sweep share a point label: the offered rate tells them apart.
  const describe = (row: ResultRow) => `${row.model} in ${pointLabel(row)}${row.targetRate === undefined ? '' : ` at ${row.targetRate} msgs/s`}`;
  return {
    runA: runA.runId,
    runB: runB.runId,
    differences: runDifferences(runA, runB, pairs),
    comparisons: pairs.map(([a, b]) => compareRow(a, b)),
    onlyInA: rowsA.filter((row) => !rowsB.has(key(row))).map(describe),
    onlyInB: rowsOfB.filter((row) => !keysA.has(key(row))).map(describe),
    searchesNotCompared: [...new Set([...runA.results, ...runB.results].filter(searched).map((row) => row.scenario))],
  };
}
