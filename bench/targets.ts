/**
 * `npm run bench:targets`: the performance targets of issue 6, each printed as a ratio measured in
 * one run, rounds interleaved so drift on a shared machine hits both sides of a ratio alike.
 *   1. generator headroom: echolab's generator / the native client, against event-loop (echo-small, c=64)
 *   2. pure echo overhead: piscina and worker / event-loop (echo-small, c=64)
 *   3. CPU-bound: each model / the machine's limit (cores, or one core for event-loop and sequential)
 *   4. event-loop / the native server, same generator
 * The native pair is ../shared/reference (override with --reference DIR), built here, used only to measure.
 */
import '../src/shared/require-node.js'; // first: a one-line stop on an old Node
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import Table from 'cli-table3';
import { pinPrefix, planPlacement } from '../src/harness/placement.js';
import { startServer } from '../src/harness/server-process.js';
import { median } from '../src/harness/stats.js';
import { captureEnvironment } from '../src/harness/environment.js';
import { runMain } from '../src/cli/run-main.js';
import { parseNumber } from '../src/shared/parse-number.js';
import { parseCommandLine } from '../src/shared/command-line.js';
import { cpu } from './scenarios/cpu.js';
import { echoSmall } from './scenarios/echo-small.js';
import { buildNative, runNativeClient, startNativeServer } from './targets/native.js';
import { measurer } from './targets/measure.js';

const USAGE = 'usage: bench:targets [--rounds N] [--duration S] [--reference DIR] [--only 1,2,3,4]';

interface Target {
  id: number;
  name: string;
  goal: number;
  /** One value per round, numerator and denominator measured in that round. */
  numerator: number[];
  denominator: number[];
  note: string;
}

runMain('bench:targets', USAGE, async (argv) => {
  const { values } = parseCommandLine(argv, {
    rounds: { type: 'string' },
    duration: { type: 'string' },
    reference: { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const rounds = values.rounds ? parseNumber('rounds', values.rounds, { min: 1, max: 20 }) : 3;
  const seconds = values.duration ? parseNumber('duration', values.duration, { min: 0.5, max: 60, fractional: true }) : 3;
  const only = new Set((values.only ?? '1,2,3,4').split(',').map((id) => parseNumber('only', id, { min: 1, max: 4 })));
  const cores = availableParallelism();
  const placementFor = (s: { serverCores?: 'rest' | 'all' }) => planPlacement(s.serverCores ?? 'rest');
  const echoPlacement = placementFor(echoSmall);
  const measure = measurer({ warmupMs: 500, windowMs: seconds * 1000, repeats: 1, connectTimeoutMs: 5000, answerTimeoutMs: 2000 }, placementFor);
  // Compiled, this file is dist/bench/targets.js: the reference sits beside the project, in ../shared.
  const native = buildNative(values.reference ?? new URL('../../../shared/reference', import.meta.url).pathname);
  const nativeNote = typeof native === 'string' ? native : '';

  const targets: Target[] = [];
  const target = (id: number, name: string, goal: number, note = '') => {
    const t: Target = { id, name, goal, numerator: [], denominator: [], note };
    if (only.has(id)) targets.push(t);
    return t;
  };
  const headroom = target(1, 'generator / native client, vs event-loop (echo-small c=64)', 0.9, nativeNote);
  const overhead = (['piscina', 'worker'] as const).map((m) => [m, target(2, `${m} / event-loop (echo-small c=64)`, 0.5)] as const);
  const cpuBound = (['fork', 'worker', 'piscina', 'cluster', 'event-loop', 'sequential'] as const).map((m) => {
    const parallel = m !== 'event-loop' && m !== 'sequential';
    const limit = ((parallel ? cores : 1) * 1e6) / cpu.workUsPerMessage!;
    return [m, limit, target(3, `${m} / ${parallel ? `${cores} cores` : '1 core'} limit (cpu, ${limit} msgs/s)`, 0.9)] as const;
  });
  const versusNative = target(4, 'event-loop / native server, same generator (echo-small c=64)', 0.7, nativeNote);
  const wanted = (t: Target) => targets.includes(t);

  try {
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`round ${round}/${rounds}\n`);
      let eventLoop = Number.NaN;
      const eventLoopRate = async () => (Number.isNaN(eventLoop) ? (eventLoop = (await measure.model('event-loop', echoSmall, 64)).msgsPerSec.median) : eventLoop);
      if (wanted(headroom) && typeof native !== 'string') {
        const server = await startServer('event-loop', { args: ['--log-level', 'warn'], prefix: pinPrefix(echoPlacement.serverCpus) });
        try {
          headroom.denominator.push(await runNativeClient(native, server.port, 64, 64, seconds, echoPlacement.generatorCpus));
          headroom.numerator.push((await measure.external(server.port, echoSmall, 64)).msgsPerSec.median);
        } finally {
          await server.stop();
        }
      }
      for (const [model, t] of overhead) {
        if (!wanted(t)) continue;
        t.numerator.push((await measure.model(model, echoSmall, 64)).msgsPerSec.median);
        t.denominator.push(await eventLoopRate());
      }
      for (const [model, limit, t] of cpuBound) {
        if (!wanted(t)) continue;
        t.numerator.push((await measure.model(model, cpu, 16)).msgsPerSec.median);
        t.denominator.push(limit);
      }
      if (wanted(versusNative) && typeof native !== 'string') {
        const server = await startNativeServer(native, echoPlacement.serverCpus);
        try {
          versusNative.denominator.push((await measure.external(server.port, echoSmall, 64)).msgsPerSec.median);
        } finally {
          server.process.kill('SIGKILL');
        }
        versusNative.numerator.push(await eventLoopRate());
      }
    }
  } finally {
    measure.close();
  }

  const table = new Table({ head: ['#', 'target', 'measured', 'of', 'ratio', 'goal', 'met'], style: { head: [], border: [] } });
  const summary = targets.map((t) => {
    const num = median(t.numerator);
    const den = median(t.denominator);
    const ratio = t.numerator.length && den > 0 ? num / den : Number.NaN;
    const met = Number.isNaN(ratio) ? 'n/a' : ratio >= t.goal ? 'yes' : 'NO';
    table.push([t.id, t.name + (t.note ? ` (${t.note})` : ''), Math.round(num).toLocaleString('en-US'), Math.round(den).toLocaleString('en-US'), Number.isNaN(ratio) ? '-' : ratio.toFixed(3), `≥ ${t.goal}`, met]);
    return { ...t, medianNumerator: num, medianDenominator: den, ratio, met };
  });
  process.stdout.write(`${table.toString()}\nmedians of ${rounds} interleaved rounds of ${seconds} s; ${echoPlacement.note}\n`);
  mkdirSync('results', { recursive: true });
  const file = { env: captureEnvironment(echoPlacement), rounds, seconds, targets: summary };
  const stamp = new Date().toISOString().replaceAll(':', '-');
  writeFileSync(`results/targets-${stamp}.json`, `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync('results/targets-latest.json', `${JSON.stringify(file, null, 2)}\n`);
});
