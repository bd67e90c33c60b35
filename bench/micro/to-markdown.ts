/**
 * Print saved micro-benchmark runs as Markdown, so docs quote the figures verbatim:
 *   node dist/bench/micro/to-markdown.js [run.json]         one run, the full table (default: results/micro-latest.json)
 *   node dist/bench/micro/to-markdown.js a.json b.json ...  several runs: each benchmark's mean µs side by side
 */
import { readFileSync } from 'node:fs';
import { runMain } from '../../src/cli/run-main.js';
import { ExitCode, FatalError } from '../../src/shared/exit-codes.js';
import { toError } from '../../src/shared/to-error.js';
import { MICRO_SCHEMA, relative, us, type MicroReport } from './report.js';

const USAGE = 'usage: node dist/bench/micro/to-markdown.js [results/micro-<timestamp>.json ...]';

function load(path: string): MicroReport {
  let report: MicroReport;
  try {
    report = JSON.parse(readFileSync(path, 'utf8')) as MicroReport;
  } catch (error) {
    throw new FatalError(`cannot read ${path}: ${toError(error).code ?? toError(error).message}`, ExitCode.usage);
  }
  if (report.schema !== MICRO_SCHEMA) throw new FatalError(`${path} is not a ${MICRO_SCHEMA} file`, ExitCode.usage);
  return report;
}

const title = (report: MicroReport) =>
  `${report.command} · ${report.date} · Node ${report.env.node} · ${report.env.cores} × ${report.env.cpuModel}${report.complete ? '' : ' · cut short'}`;

function fullTable(report: MicroReport): string[] {
  return [
    title(report),
    '',
    '| group | benchmark | ops/s | mean µs | p99 µs | samples | mean vs baseline |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...report.rows.map((row) => {
      const ops = row.opsPerSec === null ? '-' : Math.round(row.opsPerSec).toLocaleString('en-US');
      return `| ${row.group} | ${row.task} | ${ops} | ${us(row.meanUs)} | ${us(row.p99Us)} | ${row.samples} | ${relative(row, report.rows)} |`;
    }),
  ];
}

/** The first run's benchmarks, each with its mean µs in every run (blank where a run lacks it). */
function sideBySide(reports: MicroReport[]): string[] {
  const means = reports.map((report) => new Map(report.rows.map((row) => [`${row.group}/${row.task}`, row.meanUs])));
  return [
    ...reports.map((report, i) => `run ${i + 1}: ${title(report)}`),
    '',
    `| group | benchmark | ${reports.map((_, i) => `run ${i + 1} mean µs`).join(' | ')} |`,
    `| --- | --- | ${reports.map(() => '---:').join(' | ')} |`,
    ...reports[0]!.rows.map((row) => {
      const key = `${row.group}/${row.task}`;
      return `| ${row.group} | ${row.task} | ${means.map((m) => us(m.get(key) ?? null)).join(' | ')} |`;
    }),
  ];
}

runMain('to-markdown', USAGE, async (argv) => {
  if (argv.some((arg) => arg.startsWith('-'))) throw new FatalError(`unknown option ${argv.find((arg) => arg.startsWith('-'))} (${USAGE})`, ExitCode.usage);
  const reports = (argv.length > 0 ? argv : ['results/micro-latest.json']).map(load);
  const lines = reports.length === 1 ? fullTable(reports[0]!) : sideBySide(reports);
  process.stdout.write(`${lines.join('\n')}\n`);
});
