/** A bad flag or an unknown model: the usage exit code and one line, no stack trace. */
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/shared/exit-codes.js';
import { isOneCleanLine, runNode, SERVE_SCRIPT } from '../helpers/cli.js';

describe('serve usage errors', () => {
  it.each([
    ['an unknown model', ['nosuchmodel'], /unknown model 'nosuchmodel'/],
    ['no model', [], /missing model/],
    ['an unknown flag', ['event-loop', '--no-such-flag'], /unknown option '--no-such-flag';/],
    ['a flag missing its value', ['event-loop', '--port'], /--port needs a value/],
    ['hash rounds without the work they stand for', ['event-loop', '--work-rounds', '100'], /--work-rounds needs --work-us N/],
  ])('%s', async (_case, args, message) => {
    const result = await runNode(SERVE_SCRIPT, args);
    expect(result.code).toBe(ExitCode.usage);
    expect(isOneCleanLine(result.stderr, 'serve'), result.stderr).toBe(true);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const result = await runNode(SERVE_SCRIPT, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: serve <model> \[options\]/);
  });
});
