/**
 * bin/echolab.js, the `npx echolab` / `npm run` launcher: it builds only when a source is newer than
 * dist/, and a SIGTERM sent to npm reaches the server instead of orphaning it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../src/shared/process-alive.js';
import { eventually } from '../helpers/poll.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAUNCHER = `${ROOT}bin/echolab.js`;
const BUILD_INFO = `${ROOT}dist/.tsbuildinfo`;

function launch(args: string[]) {
  return spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('echolab launcher', () => {
  it('runs a command without compiling when dist/ is current, and compiles when a source is newer', () => {
    launch(['serve', '--help']); // settle: whatever the state, dist/ is current after this
    const before = statSync(BUILD_INFO).mtimeMs;
    const current = launch(['serve', '--help']);
    expect(current.status).toBe(0);
    expect(current.stdout).toMatch(/^usage: serve <model>/);
    expect(statSync(BUILD_INFO).mtimeMs).toBe(before);

    const source = `${ROOT}src/cli/serve.ts`;
    const later = new Date(Date.now() + 1000);
    utimesSync(source, later, later); // newer than the last build, content unchanged
    const stale = launch(['serve', '--help']);
    expect(stale.status).toBe(0);
    expect(statSync(BUILD_INFO).mtimeMs).toBeGreaterThanOrEqual(later.getTime());
  });

  it('refuses an unknown command with one line and the usage exit code', () => {
    const result = launch(['srve']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^echolab: unknown command 'srve'; usage: echolab <command>/);
  });

  it('a SIGTERM to `npm run serve` stops the server, which is not left running without a parent', async () => {
    let pid = 0;
    const npm = spawn('npm', ['run', '-s', 'serve', '--', 'event-loop', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        npm.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        npm.once('exit', (code) => reject(new Error(`npm exited (${code}) before the server listened`)));
      });
      pid = Number(/pid=(\d+)/.exec(line)?.[1]);
      expect(pid).toBeGreaterThan(0);
      expect(pid).not.toBe(npm.pid);
      npm.kill('SIGTERM');
      await eventually('the server to stop after npm got SIGTERM', () => !isAlive(pid));
    } finally {
      npm.kill('SIGKILL');
      if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
