/** Scenario expansion, in process: the parameter matrix, its cross product, command-line overrides, --quick. */
import { describe, expect, it } from 'vitest';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from '../../src/harness/plan/bench-options.js';
import { PARAMETER_FLAGS } from '../../src/harness/plan/parameter-flags.js';
import { planPlacements } from '../../src/harness/plan/placement.js';
import { TIMING_DEFAULTS } from '../../src/harness/plan/timing.js';
import { serverGroups } from '../../src/harness/run/server-args.js';
import { DEFAULT_SUITE, QUICK_SUITE } from '../../src/scenarios/index.js';
import { quickNote } from '../../src/results/quick-note.js';
import { describeScenario } from '../../src/report/scenario-notes.js';
import { BenchExit } from '../../src/shared/exit-codes.js';
import { planScenarios } from '../../src/scenarios/plan.js';
import { DEFAULT_SLO, expand, PARAMETER_DEFAULTS, quickVariant, type Point, type Scenario } from '../../src/scenarios/scenario.js';

/** A scenario's record as a run plans it. */
const recordOf = (scenario: Scenario, run: Parameters<typeof planScenarios>[1]) => planScenarios([scenario], run)[0]!.record;

const closed: Scenario = { name: 'test', description: 'test', kind: 'closed-loop', parameters: { connections: [1, 16], messageSize: [64] } };
const declared = (name: string) => DEFAULT_SUITE.find((scenario) => scenario.name === name)!;
/** The values that vary between points, for short assertions. */
const brief = (points: Point[]) => points.map(({ connections, rate, messagesPerConnection, amount, mode }) => ({ connections, rate, messagesPerConnection, amount, mode }));

function options(...argv: string[]): BenchOptions {
  const parsed = parseBenchArgs(argv, DEFAULT_SUITE);
  if (parsed === 'help') throw new Error('unexpected help');
  return parsed;
}

describe('expanding a scenario', () => {
  it('makes one point per combination, the first key varying slowest, every parameter filled from the defaults', () => {
    const points = expand({ ...closed, parameters: { ...closed.parameters, pipelining: [1, 4] } });
    expect(points.map((p) => [p.connections, p.pipelining])).toEqual([[1, 1], [1, 4], [16, 1], [16, 4]]);
    for (const point of points) {
      expect(point).toMatchObject({ scenario: { name: 'test' }, mode: 'closed', messageSize: 64, workUsPerMessage: 0, rate: 0, idleConnections: 0, serverCores: 'rest', kind: 'closed-loop' });
    }
  });

  it("reads the default suite's declarations", () => {
    expect(expand(declared('echo-small')).map((p) => p.connections)).toEqual([1, 16, 64]);
    // At one server core, then at all: who uses a second core.
    expect(expand(declared('cpu'))).toMatchObject([
      { connections: 16, workUsPerMessage: 1000, serverCores: 1, mode: 'closed' },
      { connections: 16, workUsPerMessage: 1000, serverCores: 'all', mode: 'closed' },
    ]);
    expect(expand(declared('slow-client'))).toMatchObject([{ connections: 15, idleConnections: 1 }]);
    expect(expand(declared('open'))).toMatchObject([{ mode: 'open', rate: 5000 }]);
    expect(expand(declared('churn'))).toMatchObject([{ mode: 'churn', messagesPerConnection: 1 }]);
    // One point per way of leaving: nothing sent, or a byte and then a half-close.
    expect(expand(declared('abandoned'))).toMatchObject([
      { connections: 64, departureBytes: 0, abandon: { clients: 100, deadlineSec: 30 } },
      { connections: 64, departureBytes: 1, abandon: { clients: 100, deadlineSec: 30 } },
    ]);
  });

  it('takes whole lists from the overrides, each one a sweep', () => {
    expect(brief(expand(closed, { connections: [4], rate: [1000, 5000] }))).toEqual([
      { connections: 4, rate: 1000, messagesPerConnection: 0, amount: 0, mode: 'open' },
      { connections: 4, rate: 5000, messagesPerConnection: 0, amount: 0, mode: 'open' },
    ]);
    expect(expand(closed, { messageSize: [128] }).map((p) => p.messageSize)).toEqual([128, 128]);
  });

  it('turns a closed-loop scenario open with a rate, into churn with messages per connection; other modes stay', () => {
    expect(expand(closed, { messagesPerConnection: [5] }).map((p) => p.mode)).toEqual(['churn', 'churn']);
    expect(expand(declared('open'), { messagesPerConnection: [5] })[0]!.mode).toBe('open');
    expect(expand(declared('churn'), { rate: [100] })[0]!.mode).toBe('churn');
    expect(PARAMETER_DEFAULTS.rate).toEqual([0]);
  });

  it('keeps a fixed amount for closed-loop points only', () => {
    expect(expand(closed, { amount: [1000] }).map((p) => p.amount)).toEqual([1000, 1000]);
    expect(expand(declared('open'), { amount: [1000] })[0]!.amount).toBe(0);
  });
});

describe('--quick', () => {
  it("applies the scenario's own shrink, parameters and departing clients alike", () => {
    const shrinking: Scenario = { ...closed, quick: { parameters: { connections: [2] } } };
    expect(quickVariant(shrinking).parameters).toEqual({ connections: [2], messageSize: [64] });
    expect(quickVariant(shrinking).quick).toBeUndefined();
    expect(quickVariant(declared('abandoned')).abandon).toEqual({ clients: 20, deadlineSec: 10 });
    expect(quickVariant(closed)).toBe(closed);
  });

  it('is applied when the run is planned, with the overrides, once per scenario', () => {
    const plans = planScenarios(options('--quick', '--scenarios', 'abandoned,echo-small', '-c', '2').scenarios, options('--quick', '-c', '2'));
    expect(plans.map((plan) => plan.scenario.name)).toEqual(['abandoned', 'echo-small']);
    expect(plans[0]!.points).toMatchObject([0, 1].map((departureBytes) => ({ connections: 2, departureBytes, abandon: { clients: 20, deadlineSec: 10 } })));
    expect(plans[1]!.points.map((p) => p.connections)).toEqual([2]);
  });

  it('runs the quick suite unless --scenarios names others, and any scenario named, shortened alike', () => {
    const quickRun = (...argv: string[]) => parseBenchArgs(argv, DEFAULT_SUITE, QUICK_SUITE) as BenchOptions;
    expect(quickRun('--quick').scenarios.map((s) => s.name)).toEqual(['echo-small', 'cpu', 'churn', 'slow-client', 'capacity']);
    expect(quickRun().scenarios.map((s) => s.name)).toEqual(DEFAULT_SUITE.map((s) => s.name));
    expect(quickRun('--quick', '--scenarios', 'abandoned').scenarios.map((s) => s.name)).toEqual(['abandoned']);
    expect(quickRun('--quick').timing).toMatchObject({ warmupMs: 100, windowMs: 250, repeats: 1 });
  });

  it("says what it changed beside the description, which names the full suite's values", () => {
    const record = (name: string, quick: boolean) => recordOf(declared(name), { quick, overrides: {} });
    expect(quickNote(record('echo-small', true))).toBe('--quick: connections 4 (full suite: 1, 16, 64)');
    expect(quickNote(record('cpu', true))).toBe('--quick: connections 4 (full suite: 16); server cores all (full suite: 1, all)');
    expect(quickNote(record('capacity', true))).toBe('--quick: connections 4 (full suite: 16); a coarser search: ×4 steps, 1 bisection(s), steps of at most 1 s');
    expect(quickNote(record('abandoned', true))).toBe('--quick: 20 departing clients, a 10 s deadline (full suite: 100, 30 s)');
    expect(quickNote(record('echo-small', false))).toBeUndefined();
    expect(quickNote(record('echo-large', true))).toBeUndefined(); // nothing to shrink
    const [point] = planScenarios([declared('churn')], { quick: true, overrides: {} })[0]!.points;
    expect(point!.connections).toBe(4);
    const rows = [{ connections: 4 }] as unknown as Parameters<typeof describeScenario>[1];
    expect(describeScenario(record('churn', true), rows)).toBe(
      'One message per connection, 16 concurrent connectors: what a new connection costs (a fork, a thread). (--quick: connections 4 (full suite: 16).) Measured at 4 connection(s).',
    );
  });
});

describe('the bench flags', () => {
  it('map each flag to its matrix key; lists are sweeps where the flag takes one', () => {
    const closedLoop = ['--scenarios', 'echo-small'];
    expect(options(...closedLoop, '-c', '1, 16', '-s', '128', '-R', '1000,5000').overrides).toEqual({ connections: [1, 16], messageSize: [128], rate: [1000, 5000] });
    expect(options(...closedLoop, '-p', '4').overrides).toEqual({ pipelining: [4] });
    expect(options(...closedLoop, '--messages-per-connection', '3').overrides).toEqual({ messagesPerConnection: [3] });
    expect(options(...closedLoop, '-a', '500').overrides).toEqual({ amount: [500] });
    expect(options().overrides).toEqual({});
  });

  it('refuse a bad value, a list where one value is taken, and an empty list, naming the flag', () => {
    expect(() => options('-c', '1,x')).toThrow("--connections must be a whole number from 1 to 100000, got 'x'");
    expect(() => options('-s', '64,128')).toThrow("--size must be a whole number from 1 to 16777216, got '64,128'");
    expect(() => options('-R', ',')).toThrow("--rate must be a whole number from 1 to 10000000, got ','");
    expect(() => options('-p', '0')).toThrow("--pipelining must be a whole number from 1 to 1024, got '0'");
  });

  it('keep the mode rules: --rate and --messages-per-connection exclude each other, --amount is closed-loop only', () => {
    expect(() => options('-R', '100', '--messages-per-connection', '2')).toThrow('--rate (open loop) and --messages-per-connection (churn) exclude each other');
    expect(() => options('-a', '10', '-R', '100')).toThrow('--amount is a closed-loop count: it excludes --rate and --messages-per-connection');
    expect(() => options('-a', '10', '--messages-per-connection', '2')).toThrow('--amount is a closed-loop count');
  });

  it('refuse an option a selected scenario would drop, naming it and the scenarios that take it', () => {
    expect(() => options('-R', '100', '--scenarios', 'churn')).toThrow('--rate does not apply to churn: choose scenarios that take it with --scenarios (echo-small, echo-large, cpu, slow-client, open, capacity)');
    // The whole suite: churn connects, abandoned and connections hold connections, none sends at a rate.
    expect(() => options('-R', '100')).toThrow('--rate does not apply to churn, abandoned, connections:');
    expect(() => options('--messages-per-connection', '2', '--scenarios', 'open')).toThrow(
      '--messages-per-connection does not apply to open: choose scenarios that take it with --scenarios (echo-small, echo-large, cpu, churn, slow-client)',
    );
    expect(() => options('-a', '10', '--scenarios', 'churn,open')).toThrow('--amount does not apply to churn, open:');
    expect(() => options('-p', '4', '--scenarios', 'open')).toThrow('--pipelining does not apply to open:');
    // -R makes echo-small open loop, which sends on a schedule, not pipelined: no scenario takes both.
    expect(() => options('-p', '4', '-R', '100', '--scenarios', 'echo-small')).toThrow('--pipelining does not apply to echo-small, nor to any scenario with the other options given');
    expect(() => options('-c', '2', '-s', '128')).not.toThrow();
  });

  it('refuse, with --target, a scenario that asks the server for work an external server cannot be asked for', () => {
    expect(() => options('--target', '127.0.0.1:9100')).toThrow('--target: cpu asks the server for CPU work per message (serve --work-us), which an external server cannot be asked for');
    expect(options('--target', '127.0.0.1:9100', '--scenarios', 'echo-small,churn').models).toEqual(['external']);
  });

  it('are each listed in the help, with their short form', () => {
    for (const { flag, short } of PARAMETER_FLAGS) expect(BENCH_USAGE).toMatch(new RegExp(`\\n  ${short ? `-${short}, ` : ''}--${flag} \\S+ +\\S`));
    expect(BENCH_USAGE).toContain('  -c, --connections n[,n...]    connections; a list is a sweep');
  });

  it('take the timing from its defaults object, --quick its shorter column, and one repeat for a fixed amount', () => {
    expect(options().timing).toEqual(TIMING_DEFAULTS.full);
    expect(options('--quick').timing).toEqual(TIMING_DEFAULTS.quick);
    expect(options('-d', '2', '-n', '5').timing).toMatchObject({ windowMs: 2000, repeats: 5, warmupMs: TIMING_DEFAULTS.full.warmupMs });
    expect(options('--scenarios', 'echo-small', '-a', '100', '-n', '5').timing.repeats).toBe(1);
    expect(BENCH_USAGE).toContain('(default 3, quick 1)');
  });

  it('list the exit codes, every point failed among them', () => {
    expect(BENCH_USAGE).toContain(`${BenchExit.everyPointFailed} every point failed`);
    expect(BENCH_USAGE).toContain('130 interrupted');
  });
});

describe('planning a run', () => {
  it('starts one server for the points that share serve flags and CPUs, a new one where they differ', () => {
    expect(serverGroups(expand(declared('echo-small'))).map((group) => group.length)).toEqual([3]);
    const sweep = expand({ ...closed, parameters: { connections: [1, 2], messageSize: [64], workUsPerMessage: [0, 100], serverCores: ['rest', 'all'] } });
    expect(serverGroups(sweep).map((group) => group.map((p) => [p.serverCores, p.workUsPerMessage, p.connections]))).toEqual([
      [['rest', 0, 1], ['rest', 0, 2]],
      [['rest', 100, 1], ['rest', 100, 2]],
      [['all', 0, 1], ['all', 0, 2]],
      [['all', 100, 1], ['all', 100, 2]],
    ]);
    // One server per core count: the connections share it.
    expect(serverGroups(expand(declared('cpu'), { connections: [1, 2] })).map((group) => group.map((p) => [p.serverCores, p.connections]))).toEqual([
      [[1, 1], [1, 2]],
      [['all', 1], ['all', 2]],
    ]);
    expect(serverGroups(expand(closed, { serverCores: ['rest', 'all'] })).map((group) => group.map((p) => p.serverCores))).toEqual([['rest', 'rest'], ['all', 'all']]);
    // With work, the message size is a serve flag (--work-bytes); without, it is not.
    expect(serverGroups(expand(closed, { messageSize: [64, 128], workUsPerMessage: [10] }))).toHaveLength(2);
    expect(serverGroups(expand(closed, { messageSize: [64, 128] }))).toHaveLength(1);
  });

  it('places each server-cores kind once', () => {
    const placements = planPlacements(['rest', 'all', 'rest'], 4, true);
    expect([...placements.keys()]).toEqual(['rest', 'all']);
    expect(placements.get('rest')).toMatchObject({ pinned: true, serverCpus: [0, 1, 2], generatorCpus: [3] });
    expect(placements.get('all')).toMatchObject({ pinned: true, serverCpus: [0, 1, 2, 3], generatorCpus: [3] });
    expect(planPlacements(['rest'], 4, false).get('rest')).toMatchObject({ pinned: false, serverCpus: null });
  });
});

describe("a scenario's record in results.json", () => {
  const full = { quick: false, overrides: {} };

  it('holds its declaration and its whole matrix as run, defaults included', () => {
    expect(recordOf(declared('slow-client'), full)).toEqual({
      name: 'slow-client',
      description: declared('slow-client').description,
      mode: 'closed',
      parameters: { ...PARAMETER_DEFAULTS, connections: [15], messageSize: [64], idleConnections: [1] },
    });
    expect(recordOf(declared('echo-small'), { quick: false, overrides: { connections: [2], rate: [10, 20] } }).parameters).toMatchObject({ connections: [2], rate: [10, 20] });
  });

  it('says what --quick changed, and keeps what it ran', () => {
    const record = recordOf(declared('abandoned'), { quick: true, overrides: {} });
    expect(record).toMatchObject({ abandon: { clients: 20, deadlineSec: 10 }, withoutQuick: { abandon: { clients: 100, deadlineSec: 30 } } });
    const shrinking: Scenario = { ...closed, quick: { parameters: { connections: [2] } } };
    expect(recordOf(shrinking, { quick: true, overrides: {} })).toMatchObject({ parameters: { connections: [2] }, withoutQuick: { parameters: { connections: [1, 16] } } });
    expect(recordOf(declared('abandoned'), full).withoutQuick).toBeUndefined();
    expect(recordOf(declared('echo-small'), { quick: true, overrides: {} }).withoutQuick).toEqual({ parameters: { connections: [1, 16, 64] } });
    expect(recordOf(declared('open'), { quick: true, overrides: {} }).withoutQuick).toBeUndefined();
    // The capacity search steps coarser under --quick; the record says so, and that the full run uses the harness's defaults.
    expect(recordOf(declared('capacity'), { quick: true, overrides: {} })).toMatchObject({ rateSearch: { factor: 4, bisections: 1 }, withoutQuick: { search: {} } });
    expect(planScenarios([declared('capacity')], { quick: true, overrides: {} })[0]!.points[0]!.rateSearch).toMatchObject({ factor: 4, bisections: 1 });
    expect(planScenarios([declared('capacity')], full)[0]!.points[0]!.rateSearch).toEqual({ slo: DEFAULT_SLO });
  });

  it('is planned with the points, in the order the run takes the scenarios', () => {
    const plans = planScenarios([declared('open'), declared('cpu')], full);
    expect(plans.map((plan) => plan.record.name)).toEqual(['open', 'cpu']);
    expect(plans[1]!.record.parameters.serverCores).toEqual([1, 'all']);
  });
});
