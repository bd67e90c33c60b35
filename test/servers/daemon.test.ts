/** --daemon: detaches and writes its pid file; `kill $(cat pidfile)` stops it and removes the file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killTree } from '../../src/harness/server/server-process.js';
import { ExitCode } from '../../src/shared/exit-codes.js';
import { echoOnce } from '../helpers/client.js';
import { isOneCleanLine, runNode, SERVE_SCRIPT } from '../helpers/cli.js';
import { eventually } from '../helpers/poll.js';
import { stillAlive } from '../helpers/server-state.js';

const READY = /^listening 127\.0\.0\.1:(\d+) model=event-loop pid=(\d+)\n$/;

describe('serve --daemon', () => {
  let dir: string;
  let pidFile: string;
  let logFile: string;
  const daemons: number[] = [];
  const startDaemon = () => runNode(SERVE_SCRIPT, ['event-loop', '--port', '0', '--daemon', '--pid-file', pidFile, '--log-file', logFile]);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'echolab-daemon-'));
    pidFile = join(dir, 'serve.pid');
    logFile = join(dir, 'serve.log');
  });
  afterEach(() => {
    for (const pid of daemons.splice(0)) killTree(pid);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts detached; kill $(cat pidfile) stops it and removes the pid file', async () => {
    const launch = await startDaemon();
    expect(launch.code).toBe(0);
    const [, port, pid] = READY.exec(launch.stdout) ?? [];
    expect(pid).toBeDefined();
    daemons.push(Number(pid));
    expect(readFileSync(pidFile, 'utf8')).toBe(`${pid}\n`);
    expect((await echoOnce(Number(port), Buffer.from('daemon'))).toString()).toBe('daemon');

    execFileSync('sh', ['-c', `kill $(cat '${pidFile}')`]);
    await eventually('the daemon to exit and remove its pid file', () => stillAlive([Number(pid)]).length === 0 && !existsSync(pidFile));
    expect(readFileSync(logFile, 'utf8')).toMatch(/ stopped\n$/);
  });

  it('starts over a stale pid file and says so', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(pidFile, `${deadPid}\n`);
    const launch = await startDaemon();
    expect(launch.code).toBe(0);
    const [, , pid] = READY.exec(launch.stdout) ?? [];
    daemons.push(Number(pid));
    expect(launch.stderr).toContain(`stale pid file ${pidFile} (pid ${deadPid} is not running)`);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${pid}\n`);
  });

  it('refuses to start over a live one, in one line', async () => {
    const first = await startDaemon();
    const [, , pid] = READY.exec(first.stdout) ?? [];
    daemons.push(Number(pid));
    const second = await startDaemon();
    expect(second.code).toBe(ExitCode.pidFile);
    expect(isOneCleanLine(second.stderr, 'serve'), second.stderr).toBe(true);
    expect(second.stderr).toContain(`already running as pid ${pid}`);
  });
});
