#!/usr/bin/env node
/**
 * report: draws a run's charts and report.html from its results.json (bench does this itself
 * after every run; this redraws an existing run, e.g. after the report code changed).
 *   report <run directory | results.json>
 */
import '../shared/require-node.js'; // first: a one-line stop on an old Node
import { UsageError } from '../shared/exit-codes.js';
import { writeReport } from '../report/index.js';
import { runMain } from './run-main.js';

const USAGE = 'usage: report <run directory | results.json>   (e.g. npm run report -- results/latest)';

runMain('report', USAGE, async (argv) => {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = argv.find((arg) => arg.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option: ${unknown}`);
  if (argv.length !== 1) throw new UsageError(argv.length === 0 ? 'missing run directory' : 'too many arguments');
  const written = await writeReport(argv[0]!);
  const charts = written.filter((file) => file.endsWith('.svg')).length;
  process.stdout.write(`${charts} charts (SVG + PNG) and ${written.at(-1)}\n`);
});
