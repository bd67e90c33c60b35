/**
 * compare's text: what differs between the runs besides the code, then a table per figure (throughput,
 * p99 latency), one line per model and point: the figures A and B, their ratio with its interval, its
 * significance mark and notes. Every table fits 120 columns; the JSON (--json) has every field.
 */
import Table from 'cli-table3';
import { latency, num } from '../../results/format.js';
import type { Comparison, ComparisonReport, MetricComparison } from './compare-runs.js';
import type { RunDifference } from './run-differences.js';
import type { Figures } from './welch.js';

const STYLE = { head: [], border: [], compact: true };
/** Notes wrap within this width (padding included), so the table stays within 120 columns. */
const NOTES_WIDTH = 30;

interface Metric {
  title: string;
  column: string;
  pick(c: Comparison): MetricComparison;
  format(value: number): string;
  /** What A and B are, for each kind of figure the metric can have. */
  figures: Partial<Record<Figures, string>>;
}

const METRICS: Metric[] = [
  {
    title: 'Throughput (msgs/s); B/A = B ÷ A, above 1: B is faster.',
    column: 'msgs/s',
    pick: (c) => c.msgsPerSec,
    format: num,
    figures: {
      'geometric mean of repeats': 'geometric means of the repeats (the figures the test compares)',
      'median of repeats': 'medians of the repeats where one was 0 (noted)',
    },
  },
  {
    title: 'p99 latency; B/A = B ÷ A, above 1: B is slower.',
    column: 'p99',
    pick: (c) => c.p99Us,
    format: latency,
    figures: {
      'geometric mean of repeats': "geometric means of the repeats' p99s (the figures the test compares)",
      'median of repeats': "medians of the repeats' p99s where one was 0 (noted)",
      'all samples': 'p99 of all samples where a run has 1 repeat or kept no p99 per repeat (noted)',
    },
  },
];

function ratio(estimate: MetricComparison): string {
  if (!Number.isFinite(estimate.ratio)) return 'n/a';
  const interval = estimate.ci95 ? ` [${estimate.ci95[0].toFixed(2)}, ${estimate.ci95[1].toFixed(2)}]` : '';
  return `${estimate.ratio.toFixed(2)}${interval}`;
}

/** "client-bound in A", "client-bound in B" → "client-bound in A and B": notes stay short. */
function rowNotes(warnings: readonly string[]): string[] {
  return warnings
    .filter((warning) => !(warning.endsWith(' in B') && warnings.includes(warning.replace(/ in B$/, ' in A'))))
    .map((warning) => (warning.endsWith(' in A') && warnings.includes(warning.replace(/ in A$/, ' in B')) ? `${warning} and B` : warning));
}

function differencesText(differences: readonly RunDifference[]): string[] {
  if (differences.length === 0) return [];
  const table = new Table({ head: ['differs', 'A', 'B'], colWidths: [24, 46, 46], wordWrap: true, style: STYLE });
  for (const difference of differences) table.push([difference.what, difference.a, difference.b]);
  return ['Warning: A and B differ in more than the code under test; each of these can move a ratio:', table.toString()];
}

function metricText(report: ComparisonReport, metric: Metric): string[] {
  const table = new Table({
    head: ['point', 'model', `${metric.column} A`, `${metric.column} B`, 'B/A [95% CI]', 'sig.', 'notes'],
    colWidths: [null, null, null, null, null, null, NOTES_WIDTH],
    wordWrap: true,
    style: STYLE,
  });
  const kinds = new Set<Figures>();
  for (const c of report.comparisons) {
    const estimate = metric.pick(c);
    // A row with no figures (nothing recorded) says so in its notes, not in the heading.
    if (Number.isFinite(estimate.a) && Number.isFinite(estimate.b)) kinds.add(estimate.figures);
    const notes = [...rowNotes(c.warnings), ...(estimate.note ? [estimate.note] : [])].join(', ');
    table.push([c.point, c.model, metric.format(estimate.a), metric.format(estimate.b), ratio(estimate), estimate.mark, notes]);
  }
  return [metric.title, ...[...kinds].map((kind) => `  A, B: ${metric.figures[kind] ?? kind}`), table.toString()];
}

export function comparisonTable(report: ComparisonReport): string {
  const lines = [
    `A = ${report.runA}, B = ${report.runB}.`,
    ...differencesText(report.differences),
    ...METRICS.flatMap((metric) => metricText(report, metric)),
    "B/A [95% CI]: Welch t-test on log(repeats), the interval of the ratio of geometric means (Node's compare.R, on logs).",
    'sig.: *** p<0.001, ** p<0.01, * p<0.05, n.s. not significant. No mark without that test (1 repeat, an interval of',
    'within-run sampling noise only), nor where a row failed, was cut short or was client-bound in either run: a',
    "client-bound ratio is the load generator's ceiling, not the servers' difference.",
  ];
  // One row a line, so a long list stays within the width of the tables.
  if (report.onlyInA.length > 0) lines.push('Only in A:', ...report.onlyInA.map((row) => `  ${row}`));
  if (report.onlyInB.length > 0) lines.push('Only in B:', ...report.onlyInB.map((row) => `  ${row}`));
  if (report.searchesNotCompared.length > 0) {
    lines.push(
      `Not compared: the capacity searches in ${report.searchesNotCompared.join(', ')}. Each run picks its own step rates,`,
      "so steps do not pair: read the sustained rates in each run's capacity table.",
    );
  }
  return lines.join('\n');
}
