/** The connections scenario's options: --max-connections validated and applied, --quick's smallest step, --target refused. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs, type BenchOptions } from '../../src/harness/plan/bench-options.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { planScenarios } from '../../src/scenarios/plan.js';
import { ExitCode } from '../../src/shared/exit-codes.js';
import { SERVE_SCRIPT } from '../../src/harness/server/server-process.js';
import { runNode } from '../helpers/cli.js';

function options(...argv: string[]): BenchOptions {
  const parsed = parseBenchArgs(argv, DEFAULT_SUITE);
  if (parsed === 'help') throw new Error('unexpected help');
  return parsed;
}

/** The steps a run would hold, as planned. */
const steps = (...argv: string[]) => {
  const parsed = options('--scenarios', 'connections', ...argv);
  return planScenarios(parsed.scenarios, parsed)[0]!.points.map((point) => point.connections);
};

describe('the connections scenario options', () => {
  it('runs its declared steps, and only the smallest with --quick', () => {
    expect(steps()).toEqual([10, 100, 1000]);
    expect(steps('--quick')).toEqual([10]);
  });

  it('--max-connections raises the top step, with --quick too, and is recorded as run', () => {
    expect(steps('--max-connections', '10000')).toEqual([10, 100, 1000, 10_000]);
    expect(steps('--max-connections', '2500')).toEqual([10, 100, 1000, 2500]);
    expect(steps('--quick', '--max-connections', '1000')).toEqual([10, 100, 1000]);
    const parsed = options('--scenarios', 'connections', '--max-connections', '10000');
    const [plan] = planScenarios(parsed.scenarios, parsed);
    expect(plan!.record.parameters.connections).toEqual([10, 100, 1000, 10_000]);
    // Raising the top step gives each series the time fork and worker need to reach it; the default suite keeps its few seconds.
    expect(plan!.record.hold!.budgetSec).toBe(300);
    expect(plan!.points[0]!.hold!.budgetSec).toBe(300);
    const quick = options('--scenarios', 'connections', '--quick', '--max-connections', '1000');
    expect(planScenarios(quick.scenarios, quick)[0]!.points[0]!.hold!.budgetSec).toBe(300);
    const plain = options('--scenarios', 'connections');
    expect(planScenarios(plain.scenarios, plain)[0]!.points[0]!.hold!.budgetSec).toBe(5);
  });

  it('refuses a --max-connections out of range or not a whole number, naming the flag', () => {
    for (const bad of ['0', '1', '25001', '1e9', 'lots', '10.5', '']) {
      expect(() => options('--scenarios', 'connections', '--max-connections', bad), bad).toThrow(/^--max-connections must be a whole number from 2 to 25000, got/);
    }
  });

  it('refuses --max-connections without the connections scenario, and the scenario against --target', () => {
    expect(() => options('--scenarios', 'echo-small', '--max-connections', '1000')).toThrow("--max-connections sets the connections scenario's top step: add it with --scenarios connections");
    expect(() => options('--scenarios', 'connections', '--target', '127.0.0.1:9')).toThrow(/connections measures the server's own memory/);
  });

  it('refuses a rate, which its held connections do not send at', () => {
    expect(() => options('--scenarios', 'connections', '-R', '100')).toThrow('--rate does not apply to connections');
  });

  it('the bench command says so in one line and exits with the usage code', async () => {
    const bench = path.join(path.dirname(SERVE_SCRIPT), 'bench.js');
    const result = await runNode(bench, ['--scenarios', 'connections', '--max-connections', '99999']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr.trim().split('\n')[0]).toContain('--max-connections must be a whole number from 2 to 25000');
  });
});
