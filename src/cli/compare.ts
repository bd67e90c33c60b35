#!/usr/bin/env node
/**
 * compare: two benchmark runs side by side, per model and scenario point: the ratio B/A of throughput
 * and of p99 latency with a 95 % confidence interval and a significance mark (in the spirit of Node
 * core's benchmark/compare.R), after a warning listing whatever else differs between the runs
 * (machine, Node, options, placement).
 *   compare [--json] <runA> <runB>     (a run: its directory or its results.json)
 */
import '../shared/require-node.js'; // first: a one-line stop on an old Node
import { FatalError, ReportExit, UsageError } from '../shared/exit-codes.js';
import { compareRuns } from '../report/compare/compare-runs.js';
import { comparisonTable } from '../report/compare/comparison-table.js';
import { loadRun } from '../report/load.js';
import { runMain } from './run-main.js';

const USAGE = 'usage: compare [--json] <runA> <runB>   (a run is its results directory or its results.json)';

runMain('compare', USAGE, async (argv) => {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const json = argv.includes('--json') || argv.includes('-j');
  const unknown = argv.find((arg) => arg.startsWith('-') && arg !== '--json' && arg !== '-j');
  if (unknown) throw new UsageError(`unknown option: ${unknown}`);
  const runs = argv.filter((arg) => !arg.startsWith('-'));
  if (runs.length !== 2) throw new UsageError(runs.length < 2 ? 'need two runs to compare' : 'too many arguments');
  const [a, b] = await Promise.all(runs.map(loadRun));
  const report = compareRuns(a!.results, b!.results);
  if (report.comparisons.length === 0) {
    throw new FatalError(`the two runs have no model × scenario point in common`, ReportExit.nothingInCommon);
  }
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${comparisonTable(report)}\n`);
});
