/** compare's table: one line per model and point, ratio B/A with its interval and significance stars. */
import Table from 'cli-table3';
import { latency, num } from '../../results/format.js';
import { stars, type ComparisonReport } from './compare-runs.js';
import type { RatioEstimate } from './welch.js';

function ratio(estimate: RatioEstimate): string {
  if (!Number.isFinite(estimate.ratio)) return estimate.note ?? 'n/a';
  const interval = estimate.ci95 ? ` [${estimate.ci95[0].toFixed(2)}, ${estimate.ci95[1].toFixed(2)}]` : ` (${estimate.note ?? 'no CI'})`;
  return `${estimate.ratio.toFixed(2)}${interval}`;
}

/** Stars when significant, "n.s." when the interval includes 1, blank when there is no interval. */
function significance(estimate: RatioEstimate): string {
  if (estimate.p === null) return '';
  return stars(estimate.p) || 'n.s.';
}

export function comparisonTable(report: ComparisonReport): string {
  const table = new Table({
    head: ['scenario', 'model', 'msgs/s A', 'msgs/s B', 'B/A [95% CI]', '', 'p99 A', 'p99 B', 'B/A [95% CI]', '', 'notes'],
    style: { head: [], border: [], compact: true },
  });
  for (const c of report.comparisons) {
    table.push([
      c.point,
      c.model,
      num(c.msgsPerSec.a),
      num(c.msgsPerSec.b),
      ratio(c.msgsPerSec),
      significance(c.msgsPerSec),
      latency(c.p99Us.a),
      latency(c.p99Us.b),
      ratio(c.p99Us),
      significance(c.p99Us),
      c.warnings.join(', '),
    ]);
  }
  const lines = [
    `A = ${report.runA}, B = ${report.runB}. Ratio B/A: above 1 means B is higher (more msgs/s is better, more p99 latency is worse).`,
    table.toString(),
    'msgs/s and p99: Welch t-test on log(repeats), interval of the ratio of geometric means. Runs without per-repeat p99s fall back to a',
    'bootstrap of the percentile over the histograms (sampling noise only). *** p<0.001, ** p<0.01, * p<0.05, n.s. = not significant.',
  ];
  if (report.onlyInA.length > 0) lines.push(`Only in A: ${report.onlyInA.join(', ')}`);
  if (report.onlyInB.length > 0) lines.push(`Only in B: ${report.onlyInB.join(', ')}`);
  return lines.join('\n');
}
