/** A list flag that names nothing is a usage error, not a run of nothing (or of everything). */
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/harness/plan/bench-options.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { namedList } from '../../src/shared/comma-list.js';
import { UsageError } from '../../src/shared/exit-codes.js';

describe('list flags that name nothing', () => {
  it.each([
    [['--models', ','], /^--models names no model \(','\)/],
    [['--scenarios', ' , '], /^--scenarios names no scenario/],
    [['--scenarios', ''], /^--scenarios names no scenario/],
  ])('bench %j is refused', (argv, message) => {
    expect(() => parseBenchArgs(argv, DEFAULT_SUITE)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv, DEFAULT_SUITE)).toThrow(message);
  });

  it('keeps the items of a list that names some, stray commas dropped', () => {
    expect(namedList('--models', 'fork,,worker,', 'model')).toEqual(['fork', 'worker']);
    const parsed = parseBenchArgs(['--models', 'fork,', '--scenarios', ',echo-small'], DEFAULT_SUITE);
    if (parsed === 'help') throw new Error('unexpected help');
    expect(parsed.models).toEqual(['fork']);
    expect(parsed.scenarios.map((scenario) => scenario.name)).toEqual(['echo-small']);
  });
});
