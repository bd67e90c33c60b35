/** Bad command lines get one line in our words naming the flag (in-process: no CLI started). */
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/shared/command-line.js';
import { UsageError } from '../../src/shared/exit-codes.js';
import { parseNumber } from '../../src/shared/parse-number.js';

const OPTIONS = {
  port: { type: 'string' },
  duration: { type: 'string', short: 'd' },
  scenarios: { type: 'string' },
  quick: { type: 'boolean' },
} as const;

function usageError(argv: string[], positionals = false): string {
  try {
    parseCommandLine(argv, OPTIONS, positionals);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('hands a negative value to its flag, long or short, so the range check can answer', () => {
    expect(parseCommandLine(['--duration', '-1'], OPTIONS).values.duration).toBe('-1');
    expect(parseCommandLine(['-d', '-0.5'], OPTIONS).values.duration).toBe('-0.5');
    expect(() => parseNumber('duration', '-1', { min: 0.05, max: 3600, fractional: true })).toThrow("--duration must be a number from 0.05 to 3600, got '-1'");
  });

  it('suggests the flag a near miss meant, and only a near one', () => {
    expect(usageError(['--prot', '7007'])).toBe("unknown option '--prot' (did you mean --port?)");
    expect(usageError(['--scenario', 'x'])).toBe("unknown option '--scenario' (did you mean --scenarios?)");
    expect(usageError(['--frobnicate'])).toBe("unknown option '--frobnicate'");
  });

  it('names the flag whose value is missing or not wanted, never "ambiguous"', () => {
    expect(usageError(['--port'])).toBe('--port needs a value');
    expect(usageError(['-d'])).toBe('--duration needs a value');
    expect(usageError(['--port', '--quick'])).toMatch(/^--port needs a value \(to give one that starts with '-', write --port=VALUE\)$/);
    expect(usageError(['--quick=yes'])).toBe('--quick takes no value');
    expect(usageError(['stray'])).toBe("unexpected argument 'stray'");
  });

  it('names a positional number without a flag prefix', () => {
    expect(() => parseNumber('port', '7007x', { min: 1, max: 65535, positional: true })).toThrow(/^port must be a whole number from 1 to 65535, got '7007x'$/);
  });
});
