/**
 * `npm run readme -- <run dir>`: rewrite README.md's reference-run section from a results directory,
 * and with --targets / --reliability the generated tables in docs/performance.md and docs/reliability.md.
 * Every figure in those sections is read from the run's files here, never typed by hand:
 * the per-scenario sentences come from the report's narrative, the tradeoffs from the rows below.
 */
import '../src/shared/require-node.js'; // first: a one-line stop on an old Node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMain } from '../src/cli/run-main.js';
import type { ResultRow } from '../src/results/schema.js';
import { UsageError } from '../src/shared/exit-codes.js';
import { parseCommandLine } from '../src/shared/command-line.js';
import { MODEL_IDS } from '../src/models/ids.js';
import { MODEL_FLAGS } from '../src/models/options.js';
import { serverName } from '../src/results/server-label.js';
import { latency, mebibytes, num, times } from '../src/results/format.js';
import { cpuLimit, cpuUsPerMessage, serverCpuCount } from '../src/report/cpu-budget.js';
import { loadRun } from '../src/report/load.js';
import { clearlyAbove } from '../src/report/intervals.js';
import { narrate } from '../src/report/narrative/index.js';
import { leadSentence, msgsPerSec } from '../src/report/narrative/facts.js';
import { scenariosIn } from '../src/report/rows.js';
import { README_SENTENCES, splitNarrative } from '../src/report/prose-budget.js';
import { scoreboard } from '../src/report/scoreboard/scoreboard.js';
import { scoreboardMarkdown } from '../src/report/scoreboard/markdown.js';

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

/** Which charts illustrate which scenario (names as written by the report). */
const CHARTS: Record<string, string[]> = {
  'echo-small': ['throughput-vs-connections', 'latency-percentiles'],
  cpu: ['scaling', 'cpu-vs-machine-limit'],
  churn: ['churn-connections', 'churn-server-over-time'],
  abandoned: ['abandoned-first-echo'],
  'slow-client': ['slow-client-fairness'],
  open: ['latency-spectrum-open'],
  capacity: ['capacity-curve', 'sustainable-rate', 'over-time'],
  connections: ['memory-per-connection'],
};

runMain('readme', USAGE, async (argv) => {
  const { values, positionals } = parseCommandLine(argv, { targets: { type: 'string' }, reliability: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('one results directory expected');
  const { results, dir } = await loadRun(positionals[0]!);
  const rel = path.relative(process.cwd(), dir);
  const rows = results.results;
  // The model as it starts by default; `cached` picks its variant with a thread cache (worker).
  const pick = (scenario: string, model: string, connections?: number, cached = false, also: (r: ResultRow) => boolean = () => true) =>
    rows.find(
      (r) =>
        r.scenario === scenario && r.model === model && r.status === 'ok' && (connections === undefined || r.connections === connections) &&
        (cached ? r.serveFlags?.includes(`--${MODEL_FLAGS.threadCache.name}`) === true : !r.serveFlags) && also(r),
    );
  const msgs = (r: ResultRow | undefined) => r?.msgsPerSec.median ?? Number.NaN;
  const ratio = (a: ResultRow | undefined, b: ResultRow | undefined) => times(msgs(a) / msgs(b));
  const starvedOf = (r: ResultRow | undefined) => (r ? `${r.fairness.starved} of ${r.connections}` : 'n/a');
  const idle = (r: ResultRow | undefined) => (r?.idleConnections === 1 ? 'one idle client' : `${r?.idleConnections ?? 'n/a'} idle clients`);
  const { env } = results;

  // The scoreboard first: who wins what, by how much; where the figures come from under it.
  const lines: string[] = [START, '## Reference run and what it shows', '', scoreboardMarkdown(scoreboard(results)), '', `![scoreboard](${rel}/charts/scoreboard.svg)`, ''];
  lines.push(
    `All figures below are read from the reference run in [\`${rel}/\`](${rel}/) ([report](${rel}/report.html), ` +
      `[results.json](${rel}/results.json)) by \`npm run readme -- ${rel}\`: ${env.cpuModel}, ${env.cores} cores, ` +
      `${mebibytes(env.memoryBytes)} memory, Node ${env.node}, Linux ${env.kernel}, ${env.date.slice(0, 10)}, commit ` +
      `${env.gitCommit?.slice(0, 10) ?? 'unknown'}${env.gitDirty ? ' (with uncommitted changes)' : ''}; ${env.placement.note}. ` +
      `It is one run on a shared, noisy ${env.cores}-core machine: read the ranges of the repeats in the report before trusting a small difference.`,
    '',
  );

  const scenarios = scenariosIn(results);
  for (const scenario of scenarios) {
    const these = rows.filter((r) => r.scenario === scenario);
    const { main, details } = splitNarrative(narrate(these, results), README_SENTENCES);
    lines.push(`### ${scenario}`, '', main.join(' '), '');
    if (details.length > 0) lines.push('<details><summary>More on this scenario</summary>', '', details.join(' '), '', '</details>', '');
    // A chart the run did not draw (a run without a core sweep has no scaling chart) is left out.
    for (const chart of CHARTS[scenario] ?? []) if (existsSync(path.join(dir, 'charts', `${chart}.svg`))) lines.push(`![${chart}](${rel}/charts/${chart}.svg)`, '');
  }
  lines.push(`![server-cost](${rel}/charts/server-cost.svg)`, '');

  // The echo-small sweep's fewest and most connections: the sentences below compare one client with many.
  const echoCounts = rows.filter((r) => r.scenario === 'echo-small').map((r) => r.connections);
  const few = Math.min(...echoCounts);
  const many = Math.max(...echoCounts);
  const elFew = pick('echo-small', 'event-loop', few);
  const seqFew = pick('echo-small', 'sequential', few);
  const elMany = pick('echo-small', 'event-loop', many);
  const seqMany = pick('echo-small', 'sequential', many);
  // Starved by the idle client, sequential completes nothing there: its row is 'empty', not 'ok', and is what this sentence reports.
  const slowSeq = rows.find((r) => r.scenario === 'slow-client' && r.model === 'sequential' && (r.status === 'ok' || r.status === 'empty'));
  const forkChurn = pick('churn', 'fork');
  const elChurn = pick('churn', 'event-loop');
  const workerChurn = pick('churn', 'worker');
  const cachedWorkerChurn = pick('churn', 'worker', undefined, true);
  const forkMany = pick('echo-small', 'fork', many);
  // A core sweep's rows at the most cores: what the sentences below compare against the machine's limit.
  const cpuRow = (m: string) =>
    rows
      .filter((r) => r.scenario === 'cpu' && r.model === m && r.status === 'ok')
      .sort((a, b) => (b.serverCores ?? Number.POSITIVE_INFINITY) - (a.serverCores ?? Number.POSITIVE_INFINITY))[0];
  const work = cpuRow('event-loop')?.workUsPerMessage ?? Number.NaN;
  const limit = (cores: number) => cpuLimit(cores, work);
  // The CPUs the cpu scenario's server had at its most (not the machine's: the generator keeps some).
  const cpuCores = cpuRow('event-loop') ? serverCpuCount(cpuRow('event-loop')!, results) : env.cores;
  // The echo-small server's CPUs, said as the sentence needs them: "one core", "2 cores".
  const echoCores = elMany ? serverCpuCount(elMany, results) : Number.NaN;
  const echoOn = echoCores === 1 ? 'one core' : `${echoCores} cores`;
  // Server CPU per message, from /proc: what each message really cost.
  const cpuPerMsg = (r: ResultRow | undefined) => (r ? cpuUsPerMessage(r) : Number.NaN);

  // Typed claims, long: behind a summary, outside the section's word budget.
  lines.push('### Tradeoffs', '', '<details><summary>What the run shows about each model’s tradeoffs</summary>', '');
  lines.push(
    `- **When sequential is fine, and when it starves everyone.** With ${few === 1 ? 'one client' : `${few} clients`} it echoed ${num(msgs(seqFew))} msgs/s, ` +
      `${ratio(seqFew, elFew)} the event loop's ${num(msgs(elFew))}: ${aloneVersusEventLoop(seqFew, elFew)}. ` +
      `At ${many} connections it still served ${num(msgs(seqMany))} msgs/s, but to one client: ${starvedOf(seqMany)} got no answer at all ` +
      `(Jain's index ${num(seqMany?.fairness.jain ?? Number.NaN)}), and with ${idle(slowSeq)} connected first (slow-client) ` +
      `${slowSeq?.fairness.starved ?? 'n/a'} of ${slowSeq?.connections ?? 'n/a'} active clients were starved and it echoed ${num(msgs(slowSeq))} msgs/s.`,
  );
  const cpuPerConnection = (r: ResultRow | undefined) => ((r?.server?.cpuPercent ?? Number.NaN) / 100 / (r?.connectionsPerSec?.median ?? Number.NaN)) * 1e6;
  lines.push(
    `- **What a process per connection costs.** Under churn (one message per connection, ${forkChurn?.connections ?? 'n/a'} connectors) fork completed ` +
      `${num(forkChurn?.connectionsPerSec?.median ?? Number.NaN)} connections/s against the event loop's ` +
      `${num(elChurn?.connectionsPerSec?.median ?? Number.NaN)}: the server spent ${latency(cpuPerConnection(forkChurn))} of CPU per connection ` +
      `(${latency(cpuPerConnection(elChurn))} for the event loop), nearly all of it starting a Node process, and with the connectors queued behind ` +
      `each other's start-ups the median first echo took ${latency(forkChurn?.latencyUs.p50 ?? Number.NaN)}. Kept alive, ${forkMany?.server?.maxProcesses ?? 'n/a'} processes ` +
      `(parent and children) at ${many} connections peaked at ${mebibytes(forkMany?.server?.peakPssBytes ?? Number.NaN)} of memory (PSS), ` +
      `about ${mebibytes((forkMany?.server?.peakPssBytes ?? Number.NaN) / Math.max(1, (forkMany?.server?.maxProcesses ?? 1) - 1))} per connection; ` +
      `summed RSS said ${mebibytes(forkMany?.server?.peakRssBytes ?? Number.NaN)}, as it counts the pages a child shares with its parent once in every process.`,
  );
  /** The abandoned figures of this model when its departing clients sent `bytes` before leaving (0: nothing). */
  const gone = (model: string, cached = false, bytes = 0) => pick('abandoned', model, undefined, cached, (r) => r.abandoned?.departureBytes === bytes)?.abandoned;
  const firstEcho = (model: string, cached = false, bytes = 0) => {
    const a = gone(model, cached, bytes);
    return a?.firstEchoMs == null ? 'n/a' : `${latency(a.firstEchoMs * 1000)} (${a.serverCpuSec == null ? 'CPU not measured' : `${num(a.serverCpuSec)} s of server CPU`})`;
  };
  lines.push(
    `- **Clients that leave while queued.** ${gone('fork')?.departed ?? 'n/a'} clients connected and left while ${pick('abandoned', 'fork')?.connections ?? 'n/a'} held ` +
      `connections kept fork's and worker's slots busy; then one new client came. fork, whose parent watches its queue, dropped ${gone('fork')?.serverAbandoned ?? 'n/a'} of them unserved ` +
      `and answered the new client in ${firstEcho('fork')}. worker cannot watch its queue (a socket that Node has read cannot move to a thread), so it ` +
      `vets each connection when its turn comes, with a read of at most one byte on the descriptor: it dropped ${gone('worker')?.serverAbandoned ?? 'n/a'} ` +
      `of them and answered in ${firstEcho('worker')}, or ${firstEcho('worker', true)} with its thread cache. The event loop, which never queues, ` +
      `answered in ${firstEcho('event-loop')}. Clients that sent a byte and half-closed are still owed its echo, so none may be dropped: ` +
      `fork served each with a process and the new client waited ${firstEcho('fork', false, 1)}, worker with a thread each ${firstEcho('worker', false, 1)} ` +
      `(a hand-over each with its cache: ${firstEcho('worker', true, 1)}), the event loop ${firstEcho('event-loop', false, 1)}. This is the classic ` +
      `weakness of a process or thread per connection under a connection flood: the live clients queue behind the work owed to the others.`,
  );
  /** A ratio above the core count cannot come from equal work per message: say what the servers really spent. */
  const overCores = () => {
    const over = ['worker', 'piscina', 'hsha'].filter((m) => msgs(cpuRow(m)) / msgs(cpuRow('event-loop')) > cpuCores);
    if (over.length === 0) return '';
    // Every server burned the same hash rounds: a ratio past the cores means the event loop fell short of one core.
    const eventLoop = cpuRow('event-loop');
    return (
      ` ${over.join(' and ')} went past that ratio because the event loop itself did not get one core's worth of work done: it reached ` +
      `${num((100 * msgs(eventLoop)) / limit(1))} % of the one-core limit and spent ${num(cpuPerMsg(eventLoop))} µs of CPU per message ` +
      `against ${over.map((m) => `${num(cpuPerMsg(cpuRow(m)))} µs for ${m}`).join(' and ')}, for the same hash rounds.`
    );
  };
  const piscinaMany = pick('echo-small', 'piscina', many);
  lines.push(
    `- **When threads help, and when they only add cost.** With ${latency(work)} of CPU per message (cpu, limit ${num(limit(cpuCores))} msgs/s on ` +
      `${cpuCores} cores, ${num(limit(1))} on one) worker reached ${num(msgs(cpuRow('worker')))}, piscina ${num(msgs(cpuRow('piscina')))} and ` +
      `hsha ${num(msgs(cpuRow('hsha')))} msgs/s, against ${num(msgs(cpuRow('event-loop')))} for the event loop: ` +
      `${ratio(cpuRow('worker'), cpuRow('event-loop'))}, ${ratio(cpuRow('piscina'), cpuRow('event-loop'))} and ${ratio(cpuRow('hsha'), cpuRow('event-loop'))}, ` +
      `where ${cpuCores} cores allow at most ${times(cpuCores)}.${overCores()} On plain echo (echo-small, ${many} connections, the server on ${echoOn}) a thread per ` +
      `connection that owns its socket reached ${num(msgs(pick('echo-small', 'worker', many)))} msgs/s, ${ratio(pick('echo-small', 'worker', many), elMany)} ` +
      `the event loop's ${num(msgs(elMany))}: ${pick('echo-small', 'worker', many)?.server?.maxThreads ?? 'n/a'} threads share ${echoOn}. hsha, whose ` +
      `main thread does the I/O and batches queued chunks to the pool, reached ${num(msgs(pick('echo-small', 'hsha', many)))} ` +
      `(${ratio(pick('echo-small', 'hsha', many), elMany)}). The classic pool of connection tasks (piscina, one connection per thread, as many ` +
      `threads as the server's cores) served ${num(msgs(piscinaMany))} msgs/s with ${starvedOf(piscinaMany)} connections never answered: ` +
      `a pool of blocking-style threads is a cap on connections, as the classic thread pool's design implies. A thread per connection also pays ` +
      `start-up under churn: ${num(workerChurn?.connectionsPerSec?.median ?? Number.NaN)} connections/s; with its thread cache (${cachedWorkerChurn ? serverName(cachedWorkerChurn) : 'n/a'}) ` +
      `a new connection is handed to a thread that is already there: ${num(cachedWorkerChurn?.connectionsPerSec?.median ?? Number.NaN)} connections/s.`,
  );
  const clusterMany = pick('echo-small', 'cluster', many);
  const reuseMany = pick('echo-small', 'reuseport', many);
  // Who led is read off the rows (a tie at the generator's ceiling where the top rows were client-bound), never assumed.
  const echoLead = leadSentence(
    rows.filter((r) => r.scenario === 'echo-small' && r.connections === many),
    msgsPerSec,
    'msgs/s',
    `On I/O-bound echo at ${many} connections, `,
  );
  const bound = (r: ResultRow | undefined) => (r?.client.clientBound ? ' (client-bound: the generator was saturated, so a lower bound)' : '');
  lines.push(
    `- **The references.** ${echoLead ?? 'echo-small was not run.'} The event loop reached ${num(msgs(elMany))} msgs/s there${bound(elMany)}. ` +
      `cluster ran ${clusterMany?.server?.maxProcesses ?? 'n/a'} processes there (the primary and one worker per core the server was given), ` +
      `holding ${mebibytes(clusterMany?.server?.peakPssBytes ?? Number.NaN)} of memory (PSS; the event loop ${mebibytes(elMany?.server?.peakPssBytes ?? Number.NaN)}), ` +
      `and reached ${num(msgs(clusterMany))} msgs/s${bound(clusterMany)}; reuseport, one process with a listening thread per core, ` +
      `${num(msgs(reuseMany))}${bound(reuseMany)}. On cpu, with the server on ${env.cores} cores, cluster reached ${num(msgs(cpuRow('cluster')))} msgs/s ` +
      `and reuseport ${num(msgs(cpuRow('reuseport')))}, ${ratio(cpuRow('cluster'), cpuRow('event-loop'))} and ${ratio(cpuRow('reuseport'), cpuRow('event-loop'))} ` +
      `the event loop: how a Node user gets more than one core without a thread or process per connection.`,
  );
  lines.push('', '</details>', '', END);

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

/** Sequential against the event loop with one client: the same within the ranges of the repeats, or which way it differed (and the CPU each message cost, from /proc). */
function aloneVersusEventLoop(sequential: ResultRow | undefined, eventLoop: ResultRow | undefined): string {
  if (!sequential || !eventLoop) return 'one of the two rows is missing';
  const below = clearlyAbove(eventLoop, sequential);
  if (!below && !clearlyAbove(sequential, eventLoop)) return 'the same within the ranges of the repeats: one connection at a time costs nothing when there is one connection';
  const cpu = `${latency(cpuUsPerMessage(sequential))} of server CPU per message against ${latency(cpuUsPerMessage(eventLoop))}`;
  return `${below ? 'below' : 'above'} it beyond the ranges of the repeats in this run (${cpu})`;
}
