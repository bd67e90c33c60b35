/** The bench command's options, named like autocannon's where they mean the same. */
import { isLoopback } from '../../shared/address.js';
import { parseCommandLine } from '../../shared/command-line.js';
import { namedList } from '../../shared/comma-list.js';
import { BenchExit, UsageError } from '../../shared/exit-codes.js';
import { parseNumber } from '../../shared/parse-number.js';
import { parseCpuList } from '../../shared/cpu-list.js';
import { isModelId, MODEL_IDS, type ModelId } from '../../models/ids.js';
import { TIMING_DEFAULTS, type Timing } from './timing.js';
import { DEFAULT_SLO, matrixOf, type Overrides, type Scenario } from '../../scenarios/scenario.js';
import type { Slo } from '../../results/schema.js';
import { parseSlo } from './slo.js';
import { parseInterval } from './interval-option.js';
import { RAISED_BUDGET_SEC } from '../../scenarios/connection-steps.js';
import { QUICK_SUITE } from '../../scenarios/index.js';
import { PARAMETER_OPTIONS, PARAMETER_USAGE, parameterOverrides, refuseIgnoredOverrides } from './parameter-flags.js';
import { parseRemoteOptions, REMOTE_USAGE, type RemoteOptions } from './remote-options.js';

export interface BenchOptions extends RemoteOptions {
  /** As declared: --quick's shrink is applied when the run is planned. */
  scenarios: Scenario[];
  models: (ModelId | 'external')[];
  overrides: Overrides;
  /** -R auto: every selected scenario (but abandoned) searches each model's largest sustained rate. */
  rateAuto: boolean;
  /** The objective capacity searches hold models to (--slo). */
  slo: Slo;
  timing: Timing;
  /** --generators N; undefined: one process per generator core. */
  generators?: number;
  /** --server-cpus, --generator-cpus: checked against the harness's CPUs when the run is placed (placement.ts). */
  serverCpus?: number[];
  generatorCpus?: number[];
  target?: { host: string; port: number };
  json: boolean;
  progress: boolean;
  quick: boolean;
  /** The connections scenario's top step (--max-connections); undefined: as declared. */
  maxConnections?: number;
  outDir: string;
  report: boolean;
}

const { full, quick } = TIMING_DEFAULTS;

/** One loopback source address gives about 28,000 ephemeral ports: the top step stays well inside them. */
const MAX_CONNECTIONS = { min: 2, max: 25_000 };


export const BENCH_USAGE = `usage: bench [options]

  --quick                       about a minute: ${QUICK_SUITE.map((s) => s.name).join(', ')}, one short point each at
                                4 connections (with --scenarios: those, shortened alike)
  --scenarios a,b               scenarios to run (default: all; see below)
  --models a,b                  models to run (default: ${MODEL_IDS.join(',')})
${PARAMETER_USAGE}
  --max-connections N           connections scenario: steps 10, 100, ... up to N (at most ${MAX_CONNECTIONS.max}), each model's
                                series given up to ${RAISED_BUDGET_SEC / 60} minutes (steps past the memory, open files or time: projected)
  -R auto                       open loop: search each model's largest rate within --slo (as the capacity scenario does)
  --slo PCT=TIME                capacity search objective: p50, p99 or p999 of latency within TIME in us, ms or s (default p99=10ms)
  -d, --duration S              seconds per measured repeat (default ${full.windowMs / 1000}, quick ${quick.windowMs / 1000})
  -W, --warmup S                warm-up seconds before measuring (default ${full.warmupMs / 1000}, quick ${quick.warmupMs / 1000})
  -n, --repeats N               repeats per point (default ${full.repeats}, quick ${quick.repeats})
  --server-cpus LIST            the server's CPUs, e.g. 0-7 or 8-11,14 (default: all but the generator's)
  --generator-cpus LIST         the load generator's CPUs (default: the last quarter of the CPUs, at least one)
  --generators N                load-generator processes on this machine (default: one per generator CPU, each pinned
                                to its own; 0 with --generator-hosts)
  --interval T                  time series interval in ms or s, at most -d (default ${full.intervalMs} ms)
  --target HOST:PORT            benchmark an external echo server (loopback only unless --allow-remote)
  --allow-remote                allow a --target or --server-host that is not a loopback address
${REMOTE_USAGE}
  -j, --json                    print results.json on stdout; no tables, no progress
  --no-progress                 no progress bar
  --no-report                   skip charts and report.html
  --out DIR                     results directory (default results)
  -h, --help                    this text

exit codes: 0 measured (rows may still be marked failed), 2 bad options, ${BenchExit.everyPointFailed} every point failed
(e.g. nothing listening at --target), ${BenchExit.remoteHost} a remote host cannot be used (ssh refused, no install, another
version), 130 interrupted (partial results kept)`;

function parseTarget(raw: string, allowRemote: boolean): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(raw);
  if (!match) throw new UsageError(`--target must be HOST:PORT, got '${raw}'`);
  const host = match[1]!;
  const port = parseNumber('target port', match[2]!, { min: 1, max: 65535 });
  if (!allowRemote && !isLoopback(host)) {
    throw new UsageError(`--target ${host} is not a loopback address: load tests stay on this machine unless you pass --allow-remote`);
  }
  return { host, port };
}

/** Work per message is asked of echolab's own servers (serve --work-us): an external one cannot be asked for it. */
function refuseServerWork(scenarios: readonly Scenario[], overrides: Overrides): void {
  const working = scenarios.filter((scenario) => matrixOf(scenario, overrides).workUsPerMessage.some((us) => us > 0));
  if (working.length === 0) return;
  throw new UsageError(
    `--target: ${working.map((scenario) => scenario.name).join(', ')} asks the server for CPU work per message (serve --work-us), ` +
      'which an external server cannot be asked for: leave it out with --scenarios',
  );
}

/** `{ key: value }`, or nothing where the option was not given (results.json's options then leave it out). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** --max-connections needs the connections scenario; that scenario reads the server's memory, which an external server does not show us. */
function refuseHoldOptions(scenarios: readonly Scenario[], maxConnections: number | undefined, target: boolean, serverHost: boolean): void {
  const holding = scenarios.filter((scenario) => scenario.kind === 'connections');
  if (maxConnections !== undefined && holding.length === 0) {
    throw new UsageError('--max-connections sets the connections scenario\'s top step: add it with --scenarios connections');
  }
  if (target && holding.length > 0) {
    throw new UsageError(`--target: ${holding.map((s) => s.name).join(', ')} measures the server's own memory, which the harness cannot read for an external server: leave it out with --scenarios`);
  }
  // Its steps read the server's memory and the machine's from this machine's /proc.
  if (serverHost && holding.length > 0) {
    throw new UsageError(`--server-host: ${holding.map((s) => s.name).join(', ')} reads the server's memory from this machine's /proc, not yet from another host's: leave it out with --scenarios`);
  }
}

/** `suite`: the scenarios a run may name, and runs unless --scenarios names some; `quickSuite`: those --quick runs by default. */
export function parseBenchArgs(argv: readonly string[], suite: readonly Scenario[], quickSuite: readonly Scenario[] = suite): BenchOptions | 'help' {
  const { values } = parseCommandLine(argv, {
    quick: { type: 'boolean' },
    scenarios: { type: 'string' },
    models: { type: 'string' },
    ...PARAMETER_OPTIONS,
    slo: { type: 'string' },
    duration: { type: 'string', short: 'd' },
    warmup: { type: 'string', short: 'W' },
    repeats: { type: 'string', short: 'n' },
    interval: { type: 'string' },
    generators: { type: 'string' },
    'server-cpus': { type: 'string' },
    'generator-cpus': { type: 'string' },
    'max-connections': { type: 'string' },
    target: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    'server-host': { type: 'string' },
    'generator-hosts': { type: 'string' },
    ssh: { type: 'string' },
    json: { type: 'boolean', short: 'j' },
    'no-progress': { type: 'boolean' },
    'no-report': { type: 'boolean' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const num = (flag: keyof typeof values, range: { min: number; max: number; fractional?: boolean }) => {
    const raw = values[flag];
    return typeof raw === 'string' ? parseNumber(flag, raw, range) : undefined;
  };

  const scenarioNames = values.scenarios !== undefined ? namedList('--scenarios', values.scenarios, 'scenario') : (quick ? quickSuite : suite).map((s) => s.name);
  const scenarios = scenarioNames.map((name) => {
    const found = suite.find((s) => s.name === name);
    if (!found) throw new UsageError(`unknown scenario '${name}' (scenarios: ${suite.map((s) => s.name).join(', ')})`);
    return found;
  });

  const target = values.target ? parseTarget(values.target, values['allow-remote'] ?? false) : undefined;
  let models: (ModelId | 'external')[];
  if (target) {
    if (values.models) throw new UsageError('--models and --target exclude each other: a target is one external server');
    models = ['external'];
  } else {
    models = values.models !== undefined ? namedList('--models', values.models, 'model').map((m) => {
      if (!isModelId(m)) throw new UsageError(`unknown model '${m}' (models: ${MODEL_IDS.join(', ')})`);
      return m;
    }) : [...MODEL_IDS];
  }

  const rawRate = (values as Record<string, unknown>).rate;
  const rateAuto = typeof rawRate === 'string' && rawRate.trim() === 'auto';
  const overrides: Overrides = parameterOverrides(rateAuto ? { ...values, rate: undefined } : values);
  if ((overrides.rate || rateAuto) && overrides.messagesPerConnection) {
    throw new UsageError('--rate (open loop) and --messages-per-connection (churn) exclude each other');
  }
  if (overrides.amount && (overrides.rate || rateAuto || overrides.messagesPerConnection)) {
    throw new UsageError('--amount is a closed-loop count: it excludes --rate and --messages-per-connection');
  }
  // -R auto is a rate like any other: a scenario that takes no rate (churn, abandoned) refuses it too.
  refuseIgnoredOverrides(scenarios, rateAuto ? { ...overrides, rate: [1] } : overrides, suite);
  if (target) refuseServerWork(scenarios, overrides);
  if (target && (values['server-cpus'] !== undefined || overrides.serverCores)) {
    throw new UsageError(`--target: ${values['server-cpus'] !== undefined ? '--server-cpus' : '--server-cores'} places the server, and an external server is not ours to pin`);
  }
  const maxConnections = num('max-connections', MAX_CONNECTIONS);
  const remote = parseRemoteOptions(values);
  refuseHoldOptions(scenarios, maxConnections, target !== undefined, remote.serverHost !== undefined);

  const defaults = TIMING_DEFAULTS[quick ? 'quick' : 'full'];
  const ms = (flag: 'duration' | 'warmup') => {
    const seconds = num(flag, { min: 0.05, max: 3600, fractional: true });
    return seconds === undefined ? undefined : seconds * 1000;
  };
  const timing: Timing = {
    ...defaults,
    windowMs: ms('duration') ?? defaults.windowMs,
    warmupMs: ms('warmup') ?? defaults.warmupMs,
    repeats: overrides.amount ? 1 : (num('repeats', { min: 1, max: 30 }) ?? defaults.repeats),
  };
  timing.intervalMs = values.interval === undefined ? defaults.intervalMs : parseInterval(values.interval, timing.windowMs);

  return {
    scenarios,
    models,
    overrides,
    rateAuto,
    slo: values.slo === undefined ? { ...DEFAULT_SLO } : parseSlo(values.slo),
    timing,
    ...optional('generators', num('generators', { min: remote.generatorHosts ? 0 : 1, max: 256 })),
    ...optional('serverCpus', values['server-cpus'] === undefined ? undefined : parseCpuList('server-cpus', values['server-cpus'])),
    ...optional('generatorCpus', values['generator-cpus'] === undefined ? undefined : parseCpuList('generator-cpus', values['generator-cpus'])),
    ...(target ? { target } : {}),
    ...remote,
    json: values.json ?? false,
    progress: !(values['no-progress'] ?? false) && !(values.json ?? false),
    quick,
    ...(maxConnections === undefined ? {} : { maxConnections }),
    outDir: values.out ?? 'results',
    report: !(values['no-report'] ?? false),
  };
}
