/** The line client: `printf 'hi\n' | client <port>` prints hi and exits when its input ends. */
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/shared/exit-codes.js';
import { CLIENT_SCRIPT, isOneCleanLine, runNode } from '../helpers/cli.js';
import { sharedServer } from '../helpers/servers.js';

describe('client', () => {
  const server = sharedServer('event-loop');

  it('echoes piped input and exits 0 when it ends', async () => {
    const result = await runNode(CLIENT_SCRIPT, [String(server().port)], { input: 'hi\n' });
    expect(result).toMatchObject({ code: 0, stdout: 'hi\n', stderr: '' });
  });

  it('takes a host before the port', async () => {
    const result = await runNode(CLIENT_SCRIPT, ['127.0.0.1', String(server().port)], { input: 'two\nlines\n' });
    expect(result).toMatchObject({ code: 0, stdout: 'two\nlines\n' });
  });

  it('a missing port is a usage error on one line', async () => {
    const result = await runNode(CLIENT_SCRIPT, []);
    expect(result.code).toBe(ExitCode.usage);
    expect(isOneCleanLine(result.stderr, 'client'), result.stderr).toBe(true);
  });
});
