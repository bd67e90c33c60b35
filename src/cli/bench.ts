#!/usr/bin/env node
/**
 * bench: the same load at every model, measured honestly. Writes results/<run-id>/ (results.json,
 * results.csv, charts, report.html) and prints a table per scenario. Ctrl-C stops cleanly and keeps
 * the partial results, marked incomplete.
 */
import '../shared/require-node.js'; // first: a one-line stop on an old Node
import { DEFAULT_SUITE, QUICK_SUITE } from '../scenarios/index.js';
import { BENCH_USAGE, parseBenchArgs } from '../harness/plan/bench-options.js';
import { captureEnvironment } from '../harness/plan/environment.js';
import { hasTaskset, placementsFor, planCpus } from '../harness/plan/placement.js';
import { usableCpus } from '../harness/plan/usable-cpus.js';
import { generatorWarnings, preflight } from '../harness/plan/preflight.js';
import { createProgress } from '../harness/output/progress.js';
import { RESULTS_SCHEMA, type ResultsFile } from '../results/schema.js';
import { hostPort } from '../shared/address.js';
import { BenchExit } from '../shared/exit-codes.js';
import { newRunId, ResultsWriter } from '../harness/output/results-writer.js';
import { planScenarios } from '../scenarios/plan.js';
import { quickNote } from '../results/quick-note.js';
import { resultsForFile } from '../results/unmeasured-throughput.js';
import { runSuite, SuiteAborted } from '../harness/run/suite.js';
import { SCENARIO_TABLES } from '../harness/output/scenario-tables.js';
import { variantFlags } from '../scenarios/variants.js';
import { formatHostLines } from '../harness/output/host-lines.js';
import { runMain } from './run-main.js';
import { checkHosts } from '../harness/transport/check-hosts.js';
import { calibrateWork, workCalibrationNote } from '../harness/plan/work-calibration.js';

runMain('bench', BENCH_USAGE, async (argv) => {
  const options = parseBenchArgs(argv, DEFAULT_SUITE, QUICK_SUITE);
  if (options === 'help') {
    process.stdout.write(`${BENCH_USAGE}\n\nscenarios:\n${DEFAULT_SUITE.map((s) => `  ${s.name.padEnd(12)} ${s.description}`).join('\n')}\n`);
    return;
  }
  // Expanded and placed once: the suite runs what is planned here.
  const scenarios = planScenarios(options.scenarios, options);
  const points = scenarios.flatMap((s) => s.points);
  preflight(points, options.models);
  const cpus = planCpus({
    usable: usableCpus(),
    taskset: hasTaskset(),
    ...(options.serverCpus ? { serverCpus: options.serverCpus } : {}),
    ...(options.generatorCpus ? { generatorCpus: options.generatorCpus } : {}),
    ...(options.generators ? { generators: options.generators } : {}),
  });
  const kinds = ['rest' as const, ...points.map((p) => p.serverCores)];
  // A server we did not start, or one on another host, is not ours to place here: only the generator is.
  const placements = placementsFor(cpus, kinds, options.target !== undefined || options.serverHost !== undefined);
  const warnings = generatorWarnings(points, placements, cpus.processes);
  const hosts = [...(options.serverHost ? [options.serverHost] : []), ...(options.generatorHosts ?? [])];
  if (hosts.length > 0) await checkHosts(hosts, options.ssh);

  const runId = newRunId();
  const writer = new ResultsWriter(options.outDir, runId);
  const results: ResultsFile = {
    schema: RESULTS_SCHEMA,
    runId,
    complete: false,
    env: captureEnvironment(placements.get('rest')!),
    options: { ...options, scenarios: options.scenarios.map((s) => s.name) },
    scenarios: scenarios.map((s) => s.record),
    results: [],
  };
  writer.save(results);

  const print = (text: string) => {
    if (!options.json) process.stdout.write(`${text}\n`);
  };
  const servers = options.target
    ? ` against the external echo server at ${hostPort(options.target.host, options.target.port)}`
    : ` × ${count(options.models.length, 'model')}${options.serverHost ? ` on ${options.serverHost.label}` : ''}`;
  const generatorHosts = options.generatorHosts ? `; generators also on ${options.generatorHosts.map((h) => `${h.label}×${h.count}`).join(', ')}` : '';
  print(`echolab bench ${runId}: ${count(options.scenarios.length, 'scenario')}${servers}; ${results.env.placement.note}${generatorHosts}`);
  // A core sweep (or a CPU-bound scenario) places its server otherwise: each placement the run uses, before it runs.
  for (const kind of new Set(points.map((p) => p.serverCores))) {
    if (kind !== 'rest') print(`  server cores ${kind}: ${placements.get(kind)!.note}`);
  }
  for (const warning of warnings) process.stderr.write(`bench: warning: ${warning}\n`);
  // One calibration of the work hash for the whole run, on the servers' CPUs; a server on another host calibrates there.
  const worked = options.target || options.serverHost ? undefined : points.find((point) => point.workUsPerMessage > 0);
  const workCpus = worked ? placements.get(worked.serverCores)!.serverCpus : null;
  const workCalibration = worked ? await calibrateWork(workCpus) : undefined;
  if (workCalibration) {
    results.work = { start: workCalibration, end: null };
    print(`  work: ${workCalibrationNote(workCalibration, worked!.workUsPerMessage)}`);
  }
  // Every (point, model) the suite runs, a model's variants (its other serve flags) included.
  const runs = scenarios.reduce((sum, { scenario, points }) => sum + points.length * options.models.reduce((n, model) => n + variantFlags(scenario.variants, model).length, 0), 0);
  const progress = createProgress(runs, options.progress, options.json);
  const abort = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => {
    progress.message(`bench: ${signal}: stopping, killing the server and generators, keeping partial results`);
    abort.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  try {
    await runSuite(
      // --generators 0: no local generator, only --generator-hosts.
      { ...options, scenarios, placements, generators: options.generators === 0 ? 0 : cpus.processes, ...(workCalibration ? { workCalibration } : {}) },
      {
        pointStarted: (point, model) => progress.step(`${point.scenario.name}${point.serverCores === 'rest' ? '' : ` cores=${point.serverCores}`} c=${point.connections}${point.kind === 'capacity' ? ' R=auto' : ''} ${model}`),
        row: (row, hlog) => {
          results.results.push(writer.withIntervalLog({ row, hlog }, results.results.length));
          writer.save(results);
        },
        scenarioDone: (scenario, rows) => {
          const hosts = formatHostLines(rows);
          const table = SCENARIO_TABLES[scenario.kind](rows, results.env.memoryBytes);
          const quick = quickNote(results.scenarios.find((record) => record.name === scenario.name));
          progress.table(`\n${scenario.name}: ${scenario.description}${quick ? `\n  ${quick}` : ''}\n${table}${hosts ? `\n${hosts}` : ''}`);
        },
      },
      abort.signal,
    );
    // The same measurement after the last point: how far the machine's speed drifted while the work stood still.
    if (results.work) results.work.end = await calibrateWork(workCpus);
    results.complete = true;
  } catch (error) {
    if (!(error instanceof SuiteAborted)) throw error;
  } finally {
    progress.stop();
    writer.save(results);
    writer.markLatest();
  }

  if (options.report && results.results.length > 0) {
    const { writeReport } = await import('../report/index.js');
    const written = await writeReport(writer.dir);
    print(`charts and report: ${written.find((f) => f.endsWith('report.html')) ?? writer.dir}`);
  }
  print(`results: ${writer.dir}/results.json${results.complete ? '' : ' (incomplete: interrupted)'}`);
  if (options.json) process.stdout.write(`${JSON.stringify(resultsForFile(results), null, 2)}\n`);
  if (!results.complete) process.exit(130);
  const failed = results.results.filter((row) => row.status === 'failed');
  if (failed.length > 0 && failed.length === results.results.length) {
    process.stderr.write(`bench: every point failed, nothing was measured (first: ${failed[0]!.failure ?? 'no reason recorded'})\n`);
    process.exit(BenchExit.everyPointFailed);
  }
});

/** "1 scenario", "6 models". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
