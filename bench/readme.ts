/**
 * `npm run readme -- <run dir>`: rewrite README.md's reference-run section from a results directory.
 * Every figure in that section is read from the run's results.json here, never typed by hand:
 * the per-scenario sentences come from the report's narrative, the tradeoffs from the rows below.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMain } from '../src/cli/run-main.js';
import type { ResultRow } from '../src/harness/results-schema.js';
import { UsageError } from '../src/shared/exit-codes.js';
import { latency, mebibytes, num, times } from '../src/report/format.js';
import { loadRun } from '../src/report/load.js';
import { narrate } from '../src/report/narrative/index.js';

const USAGE = 'usage: readme <results dir> [targets.json]   (rewrites the reference-run and targets sections of README.md)';
const START = '<!-- section:tradeoffs -->';
const END = '<!-- /section:tradeoffs -->';
const TARGETS_START = '<!-- section:targets -->';
const TARGETS_END = '<!-- /section:targets -->';

/** Which charts illustrate which scenario (names as written by the report). */
const CHARTS: Record<string, string[]> = {
  'echo-small': ['throughput-vs-connections', 'latency-percentiles'],
  cpu: ['cpu-vs-machine-limit'],
  churn: ['churn-connections', 'churn-server-over-time'],
  'slow-client': ['slow-client-fairness'],
  open: ['latency-spectrum-open'],
};

runMain('readme', USAGE, async (argv) => {
  if (argv.length < 1 || argv.length > 2) throw new UsageError('a results directory expected, and optionally a bench:targets JSON file');
  const { results, dir } = await loadRun(argv[0]!);
  const rel = path.relative(process.cwd(), dir);
  const rows = results.results;
  const pick = (scenario: string, model: string, connections?: number) =>
    rows.find((r) => r.scenario === scenario && r.model === model && r.status === 'ok' && (connections === undefined || r.connections === connections));
  const msgs = (r: ResultRow | undefined) => r?.msgsPerSec.median ?? Number.NaN;
  const ratio = (a: ResultRow | undefined, b: ResultRow | undefined) => times(msgs(a) / msgs(b));
  const { env } = results;

  const lines: string[] = [START, '## Reference run and what it shows', ''];
  lines.push(
    `All figures below are read from the reference run in [\`${rel}/\`](${rel}/) ([report](${rel}/report.html), ` +
      `[results.json](${rel}/results.json)) by \`npm run readme -- ${rel}\`: ${env.cpuModel}, ${env.cores} cores, ` +
      `${mebibytes(env.memoryBytes)} memory, Node ${env.node}, Linux ${env.kernel}, ${env.date.slice(0, 10)}, commit ` +
      `${env.gitCommit?.slice(0, 10) ?? 'unknown'}${env.gitDirty ? ' (with uncommitted changes)' : ''}; ${env.placement.note}. ` +
      `It is one run on a shared, noisy 2-core machine: read the intervals in the report before trusting a small difference.`,
    '',
  );

  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  for (const scenario of scenarios) {
    const these = rows.filter((r) => r.scenario === scenario);
    lines.push(`### ${scenario}`, '', narrate(scenario, these, results).join(' '), '');
    for (const chart of CHARTS[scenario] ?? []) lines.push(`![${chart}](${rel}/charts/${chart}.svg)`, '');
  }
  lines.push(`![server-cost](${rel}/charts/server-cost.svg)`, '');

  const el1 = pick('echo-small', 'event-loop', 1);
  const seq1 = pick('echo-small', 'sequential', 1);
  const el64 = pick('echo-small', 'event-loop', 64);
  const seq64 = pick('echo-small', 'sequential', 64);
  const slowSeq = pick('slow-client', 'sequential');
  const forkChurn = pick('churn', 'fork');
  const elChurn = pick('churn', 'event-loop');
  const workerChurn = pick('churn', 'worker');
  const fork64 = pick('echo-small', 'fork', 64);
  const cpuRow = (m: string) => pick('cpu', m);
  const limit = (cores: number) => (cores * 1e6) / (cpuRow('event-loop')?.workUsPerMessage ?? 1000);

  lines.push('### Tradeoffs', '');
  lines.push(
    `- **When sequential is fine, and when it starves everyone.** With one client it echoed ${num(msgs(seq1))} msgs/s, ` +
      `${ratio(seq1, el1)} the event loop's ${num(msgs(el1))}: one connection at a time costs nothing when there is one connection. ` +
      `At 64 connections it still served ${num(msgs(seq64))} msgs/s, but to one client: ${seq64?.fairness.starved ?? 'n/a'} of 64 got no answer at all ` +
      `(Jain's index ${num(seq64?.fairness.jain ?? Number.NaN)}), and with one idle client connected first (slow-client) ` +
      `${slowSeq?.fairness.starved ?? 'n/a'} of ${slowSeq?.connections ?? 'n/a'} active clients were starved and it echoed ${num(msgs(slowSeq))} msgs/s.`,
  );
  lines.push(
    `- **What a process per connection costs.** Under churn (one message per connection) fork completed ` +
      `${num(forkChurn?.connectionsPerSec?.median ?? Number.NaN)} connections/s against the event loop's ` +
      `${num(elChurn?.connectionsPerSec?.median ?? Number.NaN)}, with a median first-message latency of ${latency(forkChurn?.latencyUs.p50 ?? Number.NaN)} ` +
      `(the child's start-up) against ${latency(elChurn?.latencyUs.p50 ?? Number.NaN)}. Kept alive, ${fork64?.server.maxProcesses ?? 'n/a'} processes ` +
      `(parent and children) at 64 connections peaked at ${mebibytes(fork64?.server.peakRssBytes ?? Number.NaN)} of RSS, ` +
      `about ${mebibytes((fork64?.server.peakRssBytes ?? Number.NaN) / Math.max(1, (fork64?.server.maxProcesses ?? 1) - 1))} per connection.`,
  );
  lines.push(
    `- **When threads help, and when they only add hops.** With 1 ms of CPU per message (cpu, limit ${num(limit(env.cores))} msgs/s on ` +
      `${env.cores} cores, ${num(limit(1))} on one) worker reached ${num(msgs(cpuRow('worker')))} and piscina ${num(msgs(cpuRow('piscina')))} msgs/s, ` +
      `against ${num(msgs(cpuRow('event-loop')))} for the event loop: ${ratio(cpuRow('worker'), cpuRow('event-loop'))} and ` +
      `${ratio(cpuRow('piscina'), cpuRow('event-loop'))}, where ${env.cores} cores allow at most ${times(env.cores)}. On plain echo (echo-small, 64 connections) the extra hop to a thread costs: worker ` +
      `${num(msgs(pick('echo-small', 'worker', 64)))} and piscina ${num(msgs(pick('echo-small', 'piscina', 64)))} msgs/s, ` +
      `${ratio(pick('echo-small', 'worker', 64), el64)} and ${ratio(pick('echo-small', 'piscina', 64), el64)} of the event loop's ${num(msgs(el64))}. ` +
      `A thread per connection also pays start-up under churn: ${num(workerChurn?.connectionsPerSec?.median ?? Number.NaN)} connections/s.`,
  );
  const cluster64 = pick('echo-small', 'cluster', 64);
  const bound = (r: ResultRow | undefined) => (r?.client.clientBound ? ' (client-bound: the generator was saturated, so a lower bound)' : '');
  lines.push(
    `- **The references.** The event loop is the one to beat on I/O-bound echo: ${num(msgs(el64))} msgs/s at 64 connections${bound(el64)}. ` +
      `cluster ran ${cluster64?.server.maxProcesses ?? 'n/a'} processes there (the primary and one worker per core the server was given) ` +
      `and reached ${num(msgs(cluster64))} msgs/s${bound(cluster64)}; on cpu, with ${cpuRow('cluster')?.server.maxProcesses ?? 'n/a'} processes on ` +
      `${env.cores} cores, it reached ${num(msgs(cpuRow('cluster')))} msgs/s, ${ratio(cpuRow('cluster'), cpuRow('event-loop'))} the event loop: ` +
      `the prefork design is how a Node user gets more than one core without threads.`,
  );
  lines.push('', END);

  // Server CPU per message, from /proc: where the targets that were missed lose their time.
  const cpuUsPerMsg = (r: ResultRow | undefined) => (r ? (r.server.cpuPercent * 1e4) / r.msgsPerSec.median : Number.NaN);
  const worker64 = pick('echo-small', 'worker', 64);
  const why = [
    '',
    `Where the missed targets lose their time, from the reference run's /proc samples: on echo-small at 64 connections the ` +
      `one-core server spent ${num(cpuUsPerMsg(worker64))} µs of CPU per message in worker (${num(worker64?.server.cpuPercent ?? Number.NaN)} % CPU, ` +
      `${worker64?.server.maxThreads ?? 'n/a'} threads) against ${num(cpuUsPerMsg(el64))} µs in event-loop: each message crosses to its connection's ` +
      `thread and back, two thread switches on one core, which batching cannot remove when every thread serves one connection. ` +
      `On cpu (1,000 µs of work per message, so that much CPU per message is the floor), the server used ` +
      `${num(cpuRow('piscina')?.server.cpuPercent ?? Number.NaN)} % CPU in piscina and ${num(cpuRow('fork')?.server.cpuPercent ?? Number.NaN)} % in fork, ` +
      `at ${num(cpuUsPerMsg(cpuRow('piscina')))} and ${num(cpuUsPerMsg(cpuRow('fork')))} µs per message: the pool's threads idle while the main thread, ` +
      `sharing the two cores with them and with the generator, hands out the next task; fork is within noise of its target.`,
  ].join('\n');
  let readme = replaceSection(readFileSync('README.md', 'utf8'), START, END, lines.join('\n'));
  if (argv[1]) readme = replaceSection(readme, TARGETS_START, TARGETS_END, targetsSection(argv[1]).replace(TARGETS_END, `${why}\n${TARGETS_END}`));
  writeFileSync('README.md', readme);
  process.stdout.write(`README.md: reference-run section rewritten from ${rel}${argv[1] ? `, targets from ${argv[1]}` : ''}\n`);
});

function replaceSection(readme: string, start: string, end: string, text: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < 0) throw new UsageError(`README.md has no ${start} … ${end} section`);
  return readme.slice(0, from) + text + readme.slice(to + end.length);
}

interface TargetsFile {
  rounds: number;
  seconds: number;
  env: { placement: { note: string }; date: string };
  targets: { id: number; name: string; note: string; goal: number; medianNumerator: number; medianDenominator: number; ratio: number; met: string }[];
}

/** The bench:targets table, read from the JSON file that run saved. */
function targetsSection(file: string): string {
  const run = JSON.parse(readFileSync(file, 'utf8')) as TargetsFile;
  const rows = run.targets.map(
    (t) => `| ${t.id} | ${t.name}${t.note ? ` (${t.note})` : ''} | ${num(t.medianNumerator)} | ${num(t.medianDenominator)} | ${Number.isFinite(t.ratio) ? t.ratio.toFixed(2) : 'n/a'} | ≥ ${t.goal} | ${t.met} |`,
  );
  return [
    TARGETS_START,
    `From \`npm run bench:targets\` on ${run.env.date.slice(0, 10)} ([${path.basename(file)}](${path.relative(process.cwd(), file)})): medians of ` +
      `${run.rounds} interleaved rounds of ${run.seconds} s; ${run.env.placement.note}.`,
    '',
    '| # | target | measured msgs/s | against | ratio | goal | met |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows,
    TARGETS_END,
  ].join('\n');
}
