/** --slo and -R auto: parsed into an objective and a search, refused in one line when malformed. */
import { describe, expect, it } from 'vitest';
import { parseBenchArgs, type BenchOptions } from '../../src/harness/plan/bench-options.js';
import { formatSlo, parseSlo } from '../../src/harness/plan/slo.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { planScenarios } from '../../src/scenarios/plan.js';
import { UsageError } from '../../src/shared/exit-codes.js';

function options(...argv: string[]): BenchOptions {
  const parsed = parseBenchArgs(argv, DEFAULT_SUITE);
  if (parsed === 'help') throw new Error('unexpected help');
  return parsed;
}

describe('--slo', () => {
  it.each([
    ['p99=10ms', 'p99', 10_000],
    ['p50=250us', 'p50', 250],
    ['p50=250µs', 'p50', 250],
    ['p999=1.5s', 'p999', 1_500_000],
    ['p99=0.5ms', 'p99', 500],
  ])('%s', (raw, percentile, objectiveUs) => {
    expect(parseSlo(raw)).toEqual({ percentile, objectiveUs });
  });

  it.each(['p95=10ms', 'p99=10', 'p99=ms', 'p99=0ms', 'p99=-1ms', 'p99<10ms', '10ms', '', 'p99=10 ms', 'p99=1e3us'])("refuses '%s' in one line", (raw) => {
    expect(() => parseSlo(raw)).toThrow(UsageError);
    try {
      parseSlo(raw);
    } catch (error) {
      expect((error as Error).message).toMatch(/^--slo must be .*got '.*'$/);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('defaults to p99 ≤ 10 ms, and the bench options carry it', () => {
    expect(options().slo).toEqual({ percentile: 'p99', objectiveUs: 10_000 });
    expect(options('--slo', 'p999=2ms').slo).toEqual({ percentile: 'p999', objectiveUs: 2_000 });
    expect(() => options('--slo', 'p42=2ms')).toThrow(UsageError);
    expect(formatSlo({ percentile: 'p99', objectiveUs: 2_000 })).toBe('p99 ≤ 2 ms');
  });
});

describe('-R auto', () => {
  it('makes every selected scenario a capacity search for the objective, and is refused where no rate applies', () => {
    const parsed = options('-R', 'auto', '--scenarios', 'echo-small', '--slo', 'p50=1ms');
    expect(parsed).toMatchObject({ rateAuto: true, overrides: {} });
    const [echo] = planScenarios(parsed.scenarios, parsed);
    expect(echo!.points.map((p) => [p.mode, p.rateSearch])).toEqual([1, 16, 64].map(() => ['open', { slo: { percentile: 'p50', objectiveUs: 1_000 } }]));
    expect(echo!.record).toMatchObject({ mode: 'open', rateSearch: { slo: { percentile: 'p50', objectiveUs: 1_000 } } });
    expect(() => options('-R', 'auto', '--scenarios', 'echo-small,abandoned')).toThrow(/^--rate does not apply to abandoned/);
  });

  it('a rate list stays a sweep, and auto excludes churn and a fixed amount like any rate', () => {
    expect(options('-R', '1000,5000', '--scenarios', 'echo-small')).toMatchObject({ rateAuto: false, overrides: { rate: [1000, 5000] } });
    expect(() => options('-R', 'auto', '--messages-per-connection', '3')).toThrow(UsageError);
    expect(() => options('-R', 'auto', '-a', '100')).toThrow(UsageError);
    expect(() => options('-R', 'automatic')).toThrow(UsageError);
  });

  it('the capacity scenario searches without -R auto, at the default objective', () => {
    const parsed = options('--scenarios', 'capacity');
    const [capacity] = planScenarios(parsed.scenarios, parsed);
    expect(capacity!.points).toMatchObject([{ mode: 'open', connections: 16, messageSize: 64, rateSearch: { slo: { percentile: 'p99', objectiveUs: 10_000 } } }]);
  });
});
