/** --interval: the time series' interval, refused in one line (exit code 2) when it cannot cut the window into intervals. */
import { describe, expect, it } from 'vitest';
import { parseBenchArgs, type BenchOptions } from '../../src/harness/plan/bench-options.js';
import { compiledScript } from '../../src/harness/compiled.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { ExitCode, UsageError } from '../../src/shared/exit-codes.js';
import { isOneCleanLine, runNode } from '../helpers/cli.js';

function options(...argv: string[]): BenchOptions {
  const parsed = parseBenchArgs(argv, DEFAULT_SUITE);
  if (parsed === 'help') throw new Error('help');
  return parsed;
}

describe('--interval', () => {
  it('is 100 ms by default, in ms or s when given', () => {
    expect(options().timing.intervalMs).toBe(100);
    expect(options('--quick').timing.intervalMs).toBe(100);
    expect(options('--interval', '50').timing.intervalMs).toBe(50);
    expect(options('--interval', '250ms').timing.intervalMs).toBe(250);
    expect(options('--interval', '0.5s').timing.intervalMs).toBe(500);
    expect(options('-d', '2', '--interval', '2s').timing.intervalMs).toBe(2000);
  });

  it.each([['0'], ['-5'], ['5'], ['abc'], [''], ['10us'], ['1e2']])("refuses '%s' in one line", (raw) => {
    expect(() => options('--interval', raw)).toThrow(UsageError);
    expect(() => options('--interval', raw)).toThrow(/^--interval must be a time of at least 10 ms, .*got '.*'$/);
  });

  it('refuses an interval longer than the measured window', () => {
    expect(() => options('--interval', '2s')).toThrow(/^--interval 2s is longer than the measured window \(0.8 s, -d\)/);
    expect(() => options('--quick', '--interval', '300')).toThrow(/longer than the measured window \(0\.25 s, -d\)/);
    expect(options('-d', '0.3', '--interval', '300').timing.intervalMs).toBe(300);
  });

  it('bench exits with the usage code and one line on stderr for a bad interval', async () => {
    const result = await runNode(compiledScript('src/cli/bench.js'), ['--no-progress', '--no-report', '--interval', '0']);
    expect(result.code).toBe(ExitCode.usage);
    expect(isOneCleanLine(result.stderr, 'bench'), result.stderr).toBe(true);
    expect(result.stderr).toContain("--interval must be a time of at least 10 ms");
    expect(result.stdout).toBe('');
  });
});
