/**
 * `npm run readme -- <run dir>`: rewrite README.md's reference-run section from a results directory,
 * and with --targets / --reliability the generated tables in docs/performance.md and docs/reliability.md.
 * Every figure in those sections is read from the run's files here, never typed by hand:
 * the per-scenario sentences come from the report's narrative, the tradeoffs from the report's claim rules (src/report/tradeoffs/).
 */
import '../src/shared/require-node.js'; // first: a one-line stop on an old Node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMain } from '../src/cli/run-main.js';
import type { ResultRow } from '../src/results/schema.js';
import { UsageError } from '../src/shared/exit-codes.js';
import { parseCommandLine } from '../src/shared/command-line.js';
import { MODEL_IDS } from '../src/models/ids.js';
import { mebibytes, num } from '../src/results/format.js';
import { cpuUsPerMessage, serverCpuCount } from '../src/report/cpu-budget.js';
import { loadRun } from '../src/report/load.js';
import { narrate } from '../src/report/narrative/index.js';
import { scenariosIn } from '../src/report/rows.js';
import { README_SENTENCES, splitNarrative } from '../src/report/prose-budget.js';
import { scoreboard } from '../src/report/scoreboard/scoreboard.js';
import { scoreboardMarkdown } from '../src/report/scoreboard/markdown.js';
import { SCOREBOARD_CHART } from '../src/report/scoreboard/chart.js';
import { CHARTS } from '../src/report/charts/index.js';
import { tradeoffs, tradeoffsMarkdown } from '../src/report/tradeoffs/index.js';

const USAGE =
  'usage: readme <results dir> [--targets results/targets-….json] [--reliability test-artifacts/reliability.jsonl]\n' +
  '  rewrites README.md\'s reference-run section, and the targets table (docs/performance.md) and reliability table\n' +
  '  (docs/reliability.md) when given';
/** The files the generated sections live in, relative to the project root (npm runs scripts there). */
const README = 'README.md';
const PERFORMANCE_DOC = 'docs/performance.md';
const RELIABILITY_DOC = 'docs/reliability.md';
const START = '<!-- section:tradeoffs -->';
const END = '<!-- /section:tradeoffs -->';
const TARGETS_START = '<!-- section:targets -->';
const TARGETS_END = '<!-- /section:targets -->';
const RELIABILITY_START = '<!-- section:reliability-measured -->';
const RELIABILITY_END = '<!-- /section:reliability-measured -->';

runMain('readme', USAGE, async (argv) => {
  const { values, positionals } = parseCommandLine(argv, { targets: { type: 'string' }, reliability: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('one results directory expected');
  const { results, dir } = await loadRun(positionals[0]!);
  const rel = path.relative(process.cwd(), dir);
  const rows = results.results;
  // The model as it starts by default, not a variant of it.
  const pick = (scenario: string, model: string, connections: number) =>
    rows.find((r) => r.scenario === scenario && r.model === model && r.status === 'ok' && r.connections === connections && !r.serveFlags);
  const msgs = (r: ResultRow | undefined) => r?.msgsPerSec.median ?? Number.NaN;
  const { env } = results;

  // The scoreboard first: who wins what, by how much; where the figures come from under it.
  const lines: string[] = [START, '## Reference run and what it shows', '', scoreboardMarkdown(scoreboard(results)), '', `![scoreboard](${rel}/charts/scoreboard.svg)`, ''];
  lines.push('### Tradeoffs', '', tradeoffsMarkdown(tradeoffs(results)), '');
  lines.push(
    `Every figure here is read from the reference run in [\`${rel}/\`](${rel}/) ([report](${rel}/report.html), ` +
      `[results.json](${rel}/results.json)) by \`npm run readme -- ${rel}\`: ${env.cpuModel}, ${env.cores} cores, ` +
      `${mebibytes(env.memoryBytes)} memory, Node ${env.node}, Linux ${env.kernel}, ${env.date.slice(0, 10)}, commit ` +
      `${env.gitCommit?.slice(0, 10) ?? 'unknown'}${env.gitDirty ? ' (with uncommitted changes)' : ''}; ${env.placement.note}. ` +
      `It is one run on a shared, noisy ${env.cores}-core machine: read the ranges of the repeats in the report before trusting a small difference.`,
    '',
  );

  // The charts the run drew, each under its scenario as the report shows them: the first in sight, the rest linked in the details.
  const drawn = CHARTS.filter((chart) => existsSync(path.join(dir, 'charts', `${chart.name}.svg`)));
  const image = (name: string) => `![${name}](${rel}/charts/${name}.svg)`;
  for (const scenario of scenariosIn(results)) {
    const these = rows.filter((r) => r.scenario === scenario);
    const { main, details } = splitNarrative(narrate(these, results), README_SENTENCES);
    const [first, ...more] = drawn.filter((chart) => chart.scenario === scenario).map((chart) => chart.name);
    const links = more.length > 0 ? [`More charts: ${more.map((name) => `[${name}](${rel}/charts/${name}.svg)`).join(' · ')}.`] : [];
    lines.push(`### ${scenario}`, '');
    if (main.length > 0) lines.push(main.join(' '), '');
    if (details.length + links.length > 0) lines.push(`<details><summary>${main.length > 0 ? 'More on this scenario' : `What ${scenario} shows`}</summary>`, '', [...details, ...links].join(' '), '', '</details>', '');
    if (first) lines.push(image(first), '');
  }
  // The charts across scenarios (the scoreboard's heat map is above).
  const across = drawn.filter((chart) => !chart.scenario && chart.name !== SCOREBOARD_CHART).map((chart) => chart.name);
  if (across.length > 0) lines.push('### Across scenarios', '', ...across.flatMap((name) => [image(name), '']));

  lines.push(END);

  // The echo-small sweep's most connections and the cpu sweep's most cores: what docs/performance.md's paragraph reads.
  const many = Math.max(...rows.filter((r) => r.scenario === 'echo-small').map((r) => r.connections));
  const elMany = pick('echo-small', 'event-loop', many);
  const cpuRow = (m: string) =>
    rows
      .filter((r) => r.scenario === 'cpu' && r.model === m && r.status === 'ok')
      .sort((a, b) => (b.serverCores ?? Number.POSITIVE_INFINITY) - (a.serverCores ?? Number.POSITIVE_INFINITY))[0];
  // The CPUs the cpu scenario's server had at its most (not the machine's: the generator keeps some).
  const cpuCores = cpuRow('event-loop') ? serverCpuCount(cpuRow('event-loop')!, results) : env.cores;
  // The echo-small server's CPUs, said as the sentence needs them: "one core", "2 cores".
  const echoCores = elMany ? serverCpuCount(elMany, results) : Number.NaN;
  const echoOn = echoCores === 1 ? 'one core' : `${echoCores} cores`;
  // Server CPU per message, from /proc: what each message really cost.
  const cpuPerMsg = (r: ResultRow | undefined) => (r ? cpuUsPerMessage(r) : Number.NaN);

  const workerMany = pick('echo-small', 'worker', many);
  const cpuSpread = (model: string) => {
    const r = cpuRow(model);
    return r ? `${num(msgs(r))} msgs/s and ${num(r.server?.cpuPercent ?? Number.NaN)} % CPU (${num(cpuPerMsg(r))} µs per message)` : 'n/a';
  };
  const why = [
    '',
    `What the reference run's /proc samples show. Worker on echo-small at ${many} connections: the server on ${echoOn} spent ` +
      `${num(cpuPerMsg(workerMany))} µs of CPU per message (${num(workerMany?.server?.cpuPercent ?? Number.NaN)} % CPU, ` +
      `${workerMany?.server?.maxThreads ?? 'n/a'} threads) against ${num(cpuPerMsg(elMany))} µs in event-loop: each connection's thread ` +
      `wakes for each message, so ${echoOn === 'one core' ? 'one core switches' : `${echoOn} switch`} threads once or twice per message. On cpu (${num(cpuRow('fork')?.workUsPerMessage ?? Number.NaN)} µs ` +
      `of work per message is the floor), of the ${cpuCores * 100} % ${cpuCores} cores offer: fork ${cpuSpread('fork')}, worker ${cpuSpread('worker')}, ` +
      `piscina ${cpuSpread('piscina')}, hsha ${cpuSpread('hsha')}, cluster ${cpuSpread('cluster')}, reuseport ${cpuSpread('reuseport')}.`,
  ].join('\n');
  // Every page is rewritten in memory first, so a missing section changes no file.
  const pages: [string, string][] = [[README, replaceSection(README, START, END, lines.join('\n'))]];
  if (values.targets) {
    const section = targetsSection(values.targets, PERFORMANCE_DOC).replace(TARGETS_END, `${why}\n${TARGETS_END}`);
    pages.push([PERFORMANCE_DOC, replaceSection(PERFORMANCE_DOC, TARGETS_START, TARGETS_END, section)]);
  }
  if (values.reliability) pages.push([RELIABILITY_DOC, replaceSection(RELIABILITY_DOC, RELIABILITY_START, RELIABILITY_END, reliabilitySection(values.reliability))]);
  for (const [file, text] of pages) writeFileSync(file, text);
  process.stdout.write(`${pages.map(([file]) => file).join(', ')} rewritten from ${[rel, values.targets, values.reliability].filter(Boolean).join(', ')}\n`);
});

/** The file's text with everything from its start marker to its end marker replaced by `text`. */
function replaceSection(file: string, start: string, end: string, text: string): string {
  const before = readFileSync(file, 'utf8');
  const from = before.indexOf(start);
  const to = before.indexOf(end);
  if (from < 0 || to < 0) throw new UsageError(`${file} has no ${start} … ${end} section`);
  return before.slice(0, from) + text + before.slice(to + end.length);
}

interface TargetsFile {
  rounds: number;
  seconds: number;
  env: { placement: { note: string }; date: string };
  targets: {
    id: number;
    name: string;
    note: string;
    goal: number;
    numerator: number[];
    denominator: number[];
    medianNumerator: number;
    medianDenominator: number;
    ratio: number | null;
    met: string;
  }[];
}

/** The bench:targets table, read from the JSON file that run saved; its link is relative to the page it goes in. */
function targetsSection(file: string, page: string): string {
  const run = JSON.parse(readFileSync(file, 'utf8')) as TargetsFile;
  // A target skipped or not measured has no rounds: its file's medians are 0, which the table must not show as a measurement.
  const median = (rounds: number[], value: number) => (rounds.length > 0 ? num(value) : '—');
  const rows = run.targets.map(
    (t) =>
      `| ${t.id} | ${t.name}${t.note ? ` (${t.note})` : ''} | ${median(t.numerator, t.medianNumerator)} | ${median(t.denominator, t.medianDenominator)} | ` +
      `${t.ratio !== null && Number.isFinite(t.ratio) ? t.ratio.toFixed(3) : '—'} | ≥ ${t.goal} | ${t.met} |`,
  );
  return [
    TARGETS_START,
    `From \`npm run bench:targets\` on ${run.env.date.slice(0, 10)} ([${path.basename(file)}](${path.relative(path.dirname(page), file)})): medians of ` +
      `${run.rounds} interleaved rounds of ${run.seconds} s; ${run.env.placement.note}.`,
    '',
    '| # | target | measured msgs/s | against | ratio | goal | met |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows,
    TARGETS_END,
  ].join('\n');
}

type Measurement = Record<string, string | number | boolean> & { test: string; model: string; at: string };

/** The reliability tests' measurements (the last of each test and model), as one table per model. */
function reliabilitySection(file: string): string {
  const latest = new Map<string, Measurement>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const m = JSON.parse(line) as Measurement;
    latest.set(`${m.test}|${m.model}`, m);
  }
  const get = (test: string, model: string) => latest.get(`${test}|${model}`);
  const dates = [...latest.values()].map((m) => m.at).sort();
  const cell = (m: Measurement | undefined, show: (m: Measurement) => string) => (m ? show(m) : 'n/a');
  const rows = MODEL_IDS.map((model) => {
    const slow = get('slow-reader', model);
    const flood = get('flood', model);
    const fd = get('fd-limit', model);
    const crash = get('crash', model);
    const kill = get('sigkill', model);
    return [
      model,
      cell(slow, (m) => `${m.sent} of ${m.of} / ${m['rss-growth']} (< ${m.bound})`),
      cell(flood, (m) => `${m.cap === 'none' ? m.connections : m.cap} of ${m.connections}`),
      cell(flood, (m) => `${m['peak-processes']} / ${m['peak-threads']}`),
      cell(flood, (m) => `${m['rss-growth']} (< ${m.bound})`),
      cell(fd, (m) => `${m['closed-by-server']} of ${m.connections}`),
      cell(crash, (m) => `${m['bystander-bytes']} B, ${m.exact === true ? 'exact' : 'not exact'}`),
      cell(kill, (m) => `${m['alive-after-1s']} of ${m['children-before']}`),
    ];
  });
  return [
    RELIABILITY_START,
    `**Measured** in the test run of ${dates[0]?.slice(0, 16).replace('T', ' ') ?? 'n/a'} UTC (from \`${path.relative(process.cwd(), file)}\`; n/a: the test does not apply to that model):`,
    '',
    '| model | slow reader: taken / RSS growth | flood: served at once | flood: peak processes / threads | flood: RSS growth | fd limit: closed by server | crash: bystander echoed | SIGKILL: children alive after 1 s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    RELIABILITY_END,
  ].join('\n');
}
