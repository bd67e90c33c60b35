/** serve on a terminal: the listening line shows once, not once on stdout and again in the log on stderr. */
import { describe, expect, it } from 'vitest';
import { SERVE_SCRIPT } from '../../src/harness/server/server-process.js';
import { onTerminal, quote } from '../helpers/terminal.js';

describe.skipIf(process.platform !== 'linux')('serve on a terminal', () => {
  it('says it is listening once', async () => {
    // Up for a second, then Ctrl-C (SIGINT): the server stops by itself.
    const screen = await onTerminal(`timeout --preserve-status -s INT 1 ${[process.execPath, SERVE_SCRIPT, 'event-loop', '--port', '0'].map(quote).join(' ')}`);
    expect(screen.match(/listening 127\.0\.0\.1:\d+ model=event-loop/g)).toHaveLength(1);
    expect(screen).toMatch(/SIGINT: stopping/);
  });
});
