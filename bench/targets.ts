/**
 * `npm run bench:targets`: the performance targets (docs/performance.md), each printed as a ratio measured in
 * one run, rounds interleaved so drift on a shared machine hits both sides of a ratio alike.
 *   1. generator headroom: echolab's generator / the native client, against event-loop (echo-small, c=64)
 *   2. pure echo overhead: piscina and worker / event-loop (echo-small, c=64)
 *   3. CPU-bound: each model / the machine's limit (cores, or one core for event-loop and sequential)
 *   4. event-loop / the native server, same generator
 *   5, 6. each model / its minimal baseline (bench/baselines/<model>.ts, the same design in a few
 *      dozen lines; same placement, same generator) in echo-small c=64 (5) and cpu (6; as work done,
 *      msgs/s × the hash rounds per message each side calibrated: see targets/work-rounds.ts)
 *   7. the open-loop generator holds its schedule: achieved ≥ 99 % and send-lag p99 < 100 µs at fractions
 *      of its closed-loop ceiling up to 80 % (targets/generator-schedule.ts; printed as its own table)
 *   8. the generator's CPU per message, byte verification and HDR recording on, against a 20-line Node
 *      client's (bench/baselines/minimal-client.ts) at the same server: the minimal client's / ours, ≥ 1
 *   9. what reading the cost anatomy costs: worker's msgs/s (echo-small c=64, its 65 threads the most
 *      to read) with the kernel counters read / without, ≥ 0.95
 *  10. what batching saves hsha (src/models/hsha-batch.ts): the server's CPU per message with a task per
 *      chunk (--max-batch 1) / with the default batching, in echo-small c=64 and echo-large c=8, ≥ 1.1
 * The native pair is ../shared/reference (override with --reference DIR), built here, used only to
 * measure; without it (or without a C compiler, or if it fails) targets 1 and 4 are skipped with a note.
 */
import '../src/shared/require-node.js'; // first: a one-line stop on an old Node
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import Table from 'cli-table3';
import { pinPrefix, planPlacements } from '../src/harness/plan/placement.js';
import { startServer } from '../src/harness/server/server-process.js';
import { median } from '../src/harness/rows/stats.js';
import { captureEnvironment } from '../src/harness/plan/environment.js';
import { TIMING_DEFAULTS } from '../src/harness/plan/timing.js';
import { runMain } from '../src/cli/run-main.js';
import { isModelId, MODEL_IDS, type ModelId } from '../src/models/ids.js';
import { UsageError } from '../src/shared/exit-codes.js';
import { parseNumber } from '../src/shared/parse-number.js';
import { toError } from '../src/shared/to-error.js';
import { parseCommandLine } from '../src/shared/command-line.js';
import { namedList } from '../src/shared/comma-list.js';
import { cpuLimit, cpuUsPerMessage } from '../src/report/cpu-budget.js';
import { cpu } from '../src/scenarios/cpu.js';
import { echoLarge } from '../src/scenarios/echo-large.js';
import { echoSmall } from '../src/scenarios/echo-small.js';
import { expand, type Point, type Scenario } from '../src/scenarios/scenario.js';
import { buildNative, runNativeClient, startNativeServer } from './targets/native.js';
import { measurer } from './targets/measure.js';
import { runMinimalClient } from './targets/minimal-client.js';
import { roundsPerMessage } from './targets/work-rounds.js';
import { measureScheduleRound, scheduleFigures, scheduleReport, summarizeSchedule } from './targets/generator-schedule.js';

/** Targets 3 and 6 measure the cpu scenario on every server core (its limits are of those cores); its first point is one core. */
const cpuOnAllCores: Scenario = { ...cpu, parameters: { ...cpu.parameters, serverCores: ['all'] } };

const USAGE = `usage: bench:targets [--rounds N] [--duration S] [--reference DIR] [--only 1,2,3,4,5,6,7,8,9,10] [--models M,...]
  --only     the targets to measure (default: all)
  --models   the models targets 5 and 6 compare with their baselines (default: all, ${MODEL_IDS.join(',')})`;

interface Target {
  id: number;
  name: string;
  goal: number;
  /** One value per round, numerator and denominator measured in that round. */
  numerator: number[];
  denominator: number[];
  note: string;
  /** Why this target is not measured (the native reference is missing or failed). */
  skipped?: string;
  /** Targets 5, 6, 10: figures behind the ratio, each side, per round. */
  sides?: {
    msgsPerSec: Pair;
    /** The server tree's CPU µs per message (/proc): a difference in cost that rates at the generator's pace hide. */
    cpuUsPerMessage: Pair;
    /** Target 6: hash rounds per message, as each side calibrated (the ratio is of msgs/s × this). */
    roundsPerMessage: Pair;
  };
}

interface Pair {
  numerator: number[];
  denominator: number[];
}
const pair = (): Pair => ({ numerator: [], denominator: [] });

runMain('bench:targets', USAGE, async (argv) => {
  const { values } = parseCommandLine(argv, {
    rounds: { type: 'string' },
    duration: { type: 'string' },
    reference: { type: 'string' },
    only: { type: 'string' },
    models: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const rounds = values.rounds ? parseNumber('rounds', values.rounds, { min: 1, max: 20 }) : 3;
  const seconds = values.duration ? parseNumber('duration', values.duration, { min: 0.5, max: 60, fractional: true }) : 3;
  const only = new Set(namedList('--only', values.only ?? '1,2,3,4,5,6,7,8,9,10', 'target').map((id) => parseNumber('only', id, { min: 1, max: 10 })));
  const models = (values.models !== undefined ? namedList('--models', values.models, 'model') : MODEL_IDS).map((m): ModelId => {
    if (!isModelId(m)) throw new UsageError(`--models: unknown model '${m}' (models: ${MODEL_IDS.join(', ')})`);
    return m;
  });
  const cores = availableParallelism();
  const placements = planPlacements(['rest', 'all']);
  const placementFor = (point: Point) => placements.get(point.serverCores)!;
  const echoPlacement = placements.get('rest')!;
  const workUs = (scenario: Scenario) => expand(scenario)[0]!.workUsPerMessage;
  const measure = measurer({ ...TIMING_DEFAULTS.full, windowMs: seconds * 1000, repeats: 1 }, placementFor);
  // Built only when a target needs it. Compiled, this file is dist/bench/targets.js: the reference sits beside the project, in ../shared.
  const native = only.has(1) || only.has(4) ? buildNative(values.reference ?? new URL('../../../shared/reference', import.meta.url).pathname) : 'not needed';
  const noNative = typeof native === 'string' ? native : undefined;

  const targets: Target[] = [];
  const target = (id: number, name: string, goal: number, skipped?: string) => {
    const t: Target = { id, name, goal, numerator: [], denominator: [], note: skipped ? `skipped: ${skipped}` : '', skipped };
    if (only.has(id)) targets.push(t);
    return t;
  };
  const headroom = target(1, 'generator / native client, vs event-loop (echo-small c=64)', 0.9, noNative);
  const overhead = (['piscina', 'worker'] as const).map((m) => [m, target(2, `${m} / event-loop (echo-small c=64)`, 0.5)] as const);
  const cpuBound = (['fork', 'worker', 'piscina', 'cluster', 'event-loop', 'sequential'] as const).map((m) => {
    const parallel = m !== 'event-loop' && m !== 'sequential';
    const limit = cpuLimit(parallel ? cores : 1, workUs(cpuOnAllCores));
    return [m, limit, target(3, `${m} / ${parallel ? `${cores} cores` : '1 core'} limit (cpu, ${limit} msgs/s)`, 0.9)] as const;
  });
  const versusNative = target(4, 'event-loop / native server, same generator (echo-small c=64)', 0.7, noNative);
  const versusBaseline = [
    { id: 5, scenario: echoSmall, connections: 64, unit: '' },
    // Each server calibrates its own work, differently on a busy machine: compare the work done, not the messages.
    { id: 6, scenario: cpuOnAllCores, connections: 16, unit: ', msgs/s × hash rounds per msg' },
  ].flatMap(({ id, scenario, connections, unit }) =>
    models.map((model) => {
      const t = target(id, `${model} / its minimal baseline (${scenario.name} c=${connections}${unit})`, 0.9);
      const sides = (t.sides = { msgsPerSec: pair(), cpuUsPerMessage: pair(), roundsPerMessage: pair() });
      return { model, scenario, connections, t, sides };
    }),
  );
  const generatorCost = target(8, 'generator CPU/msg: a 20-line Node client / ours (echo-small c=64, event-loop)', 1);
  const measuring = target(9, 'anatomy read: worker msgs/s with the counters read / without (echo-small c=64)', 0.95);
  const batching = [
    { scenario: echoSmall, connections: 64 },
    { scenario: echoLarge, connections: 8 },
  ].map(({ scenario, connections }) => {
    const t = target(10, `hsha CPU/msg: a task per chunk / batched (${scenario.name} c=${connections})`, 1.1);
    const sides = (t.sides = { msgsPerSec: pair(), cpuUsPerMessage: pair(), roundsPerMessage: pair() });
    return { scenario, connections, t, sides };
  });
  const schedule = only.has(7) ? scheduleFigures() : undefined;
  const wanted = (t: Target) => targets.includes(t) && t.skipped === undefined;
  /** A native program that fails skips its target, with the reason, rather than failing the whole command. */
  const tryNative = async <T>(t: Target, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      t.skipped = toError(error).message;
      t.note = `skipped: ${t.skipped}`;
      t.numerator.length = t.denominator.length = 0;
      return undefined;
    }
  };

  try {
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`round ${round}/${rounds}\n`);
      let eventLoop = Number.NaN;
      const eventLoopRate = async () => (Number.isNaN(eventLoop) ? (eventLoop = (await measure.model('event-loop', echoSmall, 64)).msgsPerSec.median) : eventLoop);
      if (wanted(headroom) && typeof native !== 'string') {
        const server = await startServer('event-loop', { args: ['--log-level', 'warn'], prefix: pinPrefix(echoPlacement.serverCpus) });
        try {
          const nativeRate = await tryNative(headroom, () => runNativeClient(native, server.port, 64, 64, seconds, echoPlacement.generatorCpus));
          if (nativeRate !== undefined) {
            headroom.denominator.push(nativeRate);
            headroom.numerator.push((await measure.external(server.port, echoSmall, 64)).msgsPerSec.median);
          }
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
        t.numerator.push((await measure.model(model, cpuOnAllCores, 16)).msgsPerSec.median);
        t.denominator.push(limit);
      }
      if (wanted(versusNative) && typeof native !== 'string') {
        const server = await tryNative(versusNative, () => startNativeServer(native, echoPlacement.serverCpus));
        if (server) {
          try {
            versusNative.denominator.push((await measure.external(server.port, echoSmall, 64)).msgsPerSec.median);
          } finally {
            server.process.kill('SIGKILL');
          }
          versusNative.numerator.push(await eventLoopRate());
        }
      }
      for (const { model, scenario, connections, t, sides } of versusBaseline) {
        if (!wanted(t)) continue;
        const work = workUs(scenario);
        const run = async (side: 'model' | 'baseline') => {
          // At info level serve logs its calibration (and per-connection lines only; never per message).
          const row = await measure[side](model, scenario, connections, work > 0 ? ['--log-level', 'info'] : []);
          const rate = row.msgsPerSec.median;
          const rounds = work > 0 ? roundsPerMessage(row.serverLog, work) : 1;
          if (rounds === undefined) throw new Error(`${model} ${side}: no work calibration in its log`);
          const of = (p: Pair) => (side === 'model' ? p.numerator : p.denominator);
          of(t).push(rate * rounds);
          of(sides.msgsPerSec).push(rate);
          of(sides.cpuUsPerMessage).push(cpuUsPerMessage(row));
          if (work > 0) of(sides.roundsPerMessage).push(rounds);
          // Both sides then run at the generator's pace: the rates hide a difference that CPU/msg still shows.
          if (row.client.clientBound) t.note = 'generator saturated: compare CPU/msg';
        };
        // Which side goes first alternates by round, so a drifting machine favours neither.
        for (const side of round % 2 ? (['model', 'baseline'] as const) : (['baseline', 'model'] as const)) await run(side);
      }
      if (wanted(generatorCost)) {
        const server = await startServer('event-loop', { args: ['--log-level', 'warn'], prefix: pinPrefix(echoPlacement.serverCpus) });
        try {
          const ours = async () => {
            const row = await measure.external(server.port, echoSmall, 64);
            const generator = row.anatomy?.generator;
            if (!generator || row.anatomy!.answers === 0) throw new Error('the generator answered nothing');
            generatorCost.denominator.push(generator.cpuUs / row.anatomy!.answers);
          };
          const minimal = async () => generatorCost.numerator.push(await runMinimalClient(server.port, 64, seconds, echoPlacement.generatorCpus));
          for (const side of round % 2 ? [ours, minimal] : [minimal, ours]) await side();
        } finally {
          await server.stop();
        }
      }
      if (wanted(measuring)) {
        const read = async () => measuring.numerator.push((await measure.model('worker', echoSmall, 64)).msgsPerSec.median);
        const unread = async () => measuring.denominator.push((await measure.model('worker', echoSmall, 64, [], { anatomy: false })).msgsPerSec.median);
        for (const side of round % 2 ? [read, unread] : [unread, read]) await side();
      }
      for (const { scenario, connections, t, sides } of batching) {
        if (!wanted(t)) continue;
        const run = async (side: 'numerator' | 'denominator', args: string[]) => {
          const row = await measure.model('hsha', scenario, connections, args);
          t[side].push(cpuUsPerMessage(row));
          sides.cpuUsPerMessage[side].push(cpuUsPerMessage(row));
          sides.msgsPerSec[side].push(row.msgsPerSec.median);
        };
        const perChunk = () => run('numerator', ['--max-batch', '1']);
        const batched = () => run('denominator', []);
        for (const side of round % 2 ? [perChunk, batched] : [batched, perChunk]) await side();
      }
      if (schedule) await measureScheduleRound(measure, schedule, seconds, echoPlacement.generatorCpus);
    }
  } finally {
    measure.close();
  }

  const table = new Table({ head: ['#', 'target', 'measured', 'of', 'ratio', 'goal', 'met'], style: { head: [], border: [] } });
  const summary = targets.map((t) => {
    const num = median(t.numerator);
    const den = median(t.denominator);
    const ratio = t.numerator.length && den > 0 ? num / den : Number.NaN;
    const met = t.skipped !== undefined ? 'skipped' : Number.isNaN(ratio) ? 'n/a' : ratio >= t.goal ? 'yes' : 'NO';
    const shown = (n: number) => (t.numerator.length ? Math.round(n).toLocaleString('en-US') : '-');
    table.push([t.id, t.name + (t.note ? ` (${t.note})` : '') + (t.sides?.msgsPerSec.numerator.length ? sidesNote(t.sides) : ''), shown(num), shown(den), Number.isNaN(ratio) ? '-' : ratio.toFixed(3), `≥ ${t.goal}`, met]);
    return { ...t, medianNumerator: num, medianDenominator: den, ratio, met };
  });
  if (summary.length) process.stdout.write(`${table.toString()}\nmedians of ${rounds} interleaved rounds of ${seconds} s; ${echoPlacement.note}\n`);
  const generatorSchedule = schedule ? summarizeSchedule(schedule) : undefined;
  if (generatorSchedule) process.stdout.write(`${summary.length ? '\n' : ''}${scheduleReport(generatorSchedule, rounds)}${summary.length ? '' : `rounds of ${seconds} s; ${echoPlacement.note}\n`}`);
  mkdirSync('results', { recursive: true });
  const file = { env: captureEnvironment(echoPlacement), rounds, seconds, targets: summary, ...(generatorSchedule ? { generatorSchedule: { ...generatorSchedule, rounds: schedule } } : {}) };
  const stamp = new Date().toISOString().replaceAll(':', '-');
  writeFileSync(`results/targets-${stamp}.json`, `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync('results/targets-latest.json', `${JSON.stringify(file, null, 2)}\n`);
});

/** Model vs baseline, medians: msgs/s ratio, CPU µs per message, and (with work) hash rounds per message. */
function sidesNote({ msgsPerSec, cpuUsPerMessage, roundsPerMessage }: NonNullable<Target['sides']>): string {
  const both = (p: Pair, digits: number) => `${median(p.numerator).toFixed(digits)} vs ${median(p.denominator).toFixed(digits)}`;
  const cpu = `; CPU/msg ${both(cpuUsPerMessage, 1)} µs`;
  if (!roundsPerMessage.numerator.length) return `${cpu}; msgs/s ${both(msgsPerSec, 0)}`;
  return `; msgs/s ratio ${(median(msgsPerSec.numerator) / median(msgsPerSec.denominator)).toFixed(3)}${cpu}; rounds/msg ${both(roundsPerMessage, 0)}`;
}
