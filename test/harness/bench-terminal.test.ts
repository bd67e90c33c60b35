/**
 * bench on a real terminal (a pseudo-terminal from `script`): every scenario's table reaches the
 * screen, the last one included, and tables go to stdout even when stderr shows the progress bar,
 * so `npm run bench > out.txt` saves them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledScript } from '../../src/harness/compiled.js';
import { onTerminal, quote } from '../helpers/terminal.js';

const dir = mkdtempSync(join(tmpdir(), 'echolab-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A short two-scenario bench: both tables must appear. */
const BENCH = [process.execPath, compiledScript('src/cli/bench.js'), '--scenarios', 'echo-small,echo-large', '--models', 'event-loop', '-c', '1', '-d', '0.3', '-W', '0.1', '-n', '1', '--no-report', '--out', dir];

describe.skipIf(process.platform !== 'linux')('bench on a terminal', () => {
  it('shows every table, the last one included', async () => {
    const screen = await onTerminal(BENCH.map(quote).join(' '));
    expect(screen).toContain('echo-small: ');
    expect(screen).toContain('echo-large: ');
  }, 90_000);

  it('writes the tables to stdout when stdout is a file and stderr the terminal', async () => {
    const file = join(dir, 'out.txt');
    const screen = await onTerminal(`${BENCH.map(quote).join(' ')} > ${quote(file)}`);
    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain('echo-small: ');
    expect(saved).toContain('echo-large: ');
    expect(saved).toMatch(/results: \S+results\.json/);
    expect(screen).not.toContain('echo-large: ');
  }, 90_000);
});
