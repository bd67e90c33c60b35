/**
 * Print a saved micro-benchmark run as a Markdown table, so docs quote a run's figures verbatim:
 *   node dist/bench/micro/to-markdown.js [results/micro-<timestamp>.json]   (default: results/micro-latest.json)
 */
import { readFileSync } from 'node:fs';
import { runMain } from '../../src/cli/run-main.js';
import { ExitCode, FatalError } from '../../src/shared/exit-codes.js';
import { MICRO_SCHEMA, relative, us, type MicroReport } from './report.js';

const USAGE = 'usage: node dist/bench/micro/to-markdown.js [results/micro-<timestamp>.json]';

function load(path: string): MicroReport {
  let report: MicroReport;
  try {
    report = JSON.parse(readFileSync(path, 'utf8')) as MicroReport;
  } catch (error) {
    throw new FatalError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ExitCode.usage);
  }
  if (report.schema !== MICRO_SCHEMA) throw new FatalError(`${path} is not a ${MICRO_SCHEMA} file`, ExitCode.usage);
  return report;
}

runMain('to-markdown', USAGE, async (argv) => {
  if (argv.length > 1 || argv[0]?.startsWith('-')) throw new FatalError(`expected at most one file (${USAGE})`, ExitCode.usage);
  const report = load(argv[0] ?? 'results/micro-latest.json');
  const lines = [
    `${report.command} · ${report.date} · Node ${report.env.node} · ${report.env.cores} × ${report.env.cpuModel}${report.complete ? '' : ' · cut short'}`,
    '',
    '| group | benchmark | ops/s | mean µs | p99 µs | samples | mean vs baseline |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...report.rows.map((row) => {
      const ops = row.opsPerSec === null ? '-' : Math.round(row.opsPerSec).toLocaleString('en-US');
      return `| ${row.group} | ${row.task} | ${ops} | ${us(row.meanUs)} | ${us(row.p99Us)} | ${row.samples} | ${relative(row, report.rows)} |`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
