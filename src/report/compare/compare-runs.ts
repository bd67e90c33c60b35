/** Pairs the rows of two runs (same model, scenario and parameters) and compares throughput and p99 latency. */
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { pointLabel, sortRows } from '../rows.js';
import { percentileRatio } from './quantile-bootstrap.js';
import { welchRatio, type RatioEstimate } from './welch.js';

export interface Comparison {
  scenario: string;
  point: string;
  model: string;
  msgsPerSec: { a: number; b: number } & RatioEstimate;
  p99Us: { a: number; b: number } & RatioEstimate;
  /** Failed / client-bound / incomplete on either side: the ratio may mean little. */
  warnings: string[];
}

export interface ComparisonReport {
  runA: string;
  runB: string;
  comparisons: Comparison[];
  /** Rows present in one run only, as "model in point". */
  onlyInA: string[];
  onlyInB: string[];
}

/** Rows are the same measurement when everything but the results matches. */
function key(row: ResultRow): string {
  return [row.model, row.scenario, row.mode, row.connections, row.pipelining, row.messageSize, row.workUsPerMessage, row.targetRate ?? ''].join('|');
}

function warnings(row: ResultRow, side: 'A' | 'B'): string[] {
  const out: string[] = [];
  if (row.status !== 'ok') out.push(`${row.status} in ${side}`);
  if (row.client.clientBound) out.push(`client-bound in ${side}`);
  return out;
}

/**
 * p99 B/A: like msgs/s, from the per-repeat p99s when both runs recorded at least two; otherwise a
 * bootstrap over the merged histograms, which sees sampling noise but not drift between repeats.
 */
function p99Ratio(a: ResultRow, b: ResultRow): RatioEstimate {
  const runsA = a.latencyUs.p99Runs ?? [];
  const runsB = b.latencyUs.p99Runs ?? [];
  if (runsA.length >= 2 && runsB.length >= 2) return welchRatio(runsA, runsB);
  return percentileRatio(a.latencyUs.histogram, b.latencyUs.histogram);
}

function compareRow(a: ResultRow, b: ResultRow): Comparison {
  return {
    scenario: a.scenario,
    point: pointLabel(a),
    model: a.model,
    msgsPerSec: { a: a.msgsPerSec.median, b: b.msgsPerSec.median, ...welchRatio(a.msgsPerSec.runs, b.msgsPerSec.runs) },
    p99Us: { a: a.latencyUs.p99, b: b.latencyUs.p99, ...p99Ratio(a, b) },
    warnings: [...warnings(a, 'A'), ...warnings(b, 'B')],
  };
}

export function compareRuns(runA: ResultsFile, runB: ResultsFile): ComparisonReport {
  const rowsB = new Map(runB.results.map((row) => [key(row), row]));
  const keysA = new Set(runA.results.map(key));
  const paired = sortRows(runA).filter((row) => rowsB.has(key(row)));
  const describe = (row: ResultRow) => `${row.model} in ${pointLabel(row)}`;
  return {
    runA: runA.runId,
    runB: runB.runId,
    comparisons: paired.map((row) => compareRow(row, rowsB.get(key(row))!)),
    onlyInA: runA.results.filter((row) => !rowsB.has(key(row))).map(describe),
    onlyInB: runB.results.filter((row) => !keysA.has(key(row))).map(describe),
  };
}

/** Node's compare.R marks: *** p < 0.001, ** p < 0.01, * p < 0.05; blank when not significant or unknown. */
export function stars(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}
