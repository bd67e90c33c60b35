/**
 * The bench command end to end: a server killed mid-run is reported failed and the suite goes on;
 * Ctrl-C keeps partial results marked incomplete; results.json matches its schema; nothing is left behind.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledScript } from '../../src/harness/compiled.js';
import { processTree, treeCpuSeconds } from '../../src/harness/proc/proc.js';
import { killTree } from '../../src/harness/server/server-process.js';
import { checkResults } from '../../src/results/check-results.js';
import { BenchExit } from '../../src/shared/exit-codes.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { isAlive } from '../../src/shared/process-alive.js';
import { eventually, within } from '../helpers/poll.js';
import { serverPool } from '../helpers/servers.js';

const out = mkdtempSync(join(tmpdir(), 'echolab-bench-'));
const started: number[] = [];
afterAll(() => {
  for (const pid of started) killTree(pid);
  rmSync(out, { recursive: true, force: true });
});

function bench(args: string[]) {
  const child = spawn(process.execPath, [compiledScript('src/cli/bench.js'), '--no-progress', '--no-report', '--out', out, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child.pid!);
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** Every process the bench has started so far, remembered so we can check they all end. */
  const seen = new Set<number>();
  const watch = setInterval(() => processTree(child.pid!).forEach((pid) => seen.add(pid)), 50);
  void exited.then(() => clearInterval(watch));
  return { child, exited, seen, stdout: () => stdout };
}

function readResults(stdout: string): ResultsFile {
  const path = /results: (\S+results\.json)/.exec(stdout)?.[1];
  expect(path, `no results path in output:\n${stdout}`).toBeDefined();
  return JSON.parse(readFileSync(path!, 'utf8')) as ResultsFile;
}

/** How many sockets a process holds open (its listening socket and its connections). */
function socketsOf(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
      } catch {
        return false;
      }
    }).length;
  } catch {
    return 0;
  }
}

/** The serve process the bench is running now for `model`. */
function serverOf(benchPid: number, model: string): number | undefined {
  return processTree(benchPid).find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args.some((arg) => arg.endsWith('serve.js')) && args.includes(model);
    } catch {
      return false;
    }
  });
}

describe('bench', () => {
  it('reports a server killed mid-run as failed, goes on, and leaves nothing behind', async () => {
    const run = bench(['--scenarios', 'echo-small', '-c', '4', '--models', 'event-loop,piscina', '-d', '3', '-n', '1', '-W', '0.2']);
    const victim = await eventually('the event-loop server', () => serverOf(run.child.pid!, 'event-loop'), 15_000);
    // Into the load: the server holds its listening socket and the point's 4 connections.
    await eventually('the load on the event-loop server', () => socketsOf(victim) >= 5, 15_000);
    process.kill(victim, 'SIGKILL');
    expect(await within('bench to finish', run.exited, 60_000)).toBe(0);

    const results = readResults(run.stdout());
    expect(() => checkResults(results)).not.toThrow();
    expect(results.complete).toBe(true);
    // The scenario's declaration as run, the command line's connections included, for the report to read.
    expect(results.scenarios).toMatchObject([{ name: 'echo-small', mode: 'closed', parameters: { connections: [4], messageSize: [64], idleConnections: [0] } }]);
    const [killed, next] = results.results;
    expect(killed).toMatchObject({ model: 'event-loop', status: 'failed' });
    expect(killed!.failure).toMatch(/server exited/);
    expect(next).toMatchObject({ model: 'piscina', status: 'ok' });
    expect(next!.msgsPerSec.median).toBeGreaterThan(0);
    await eventually('every process the bench started to be gone', () => [...run.seen].every((pid) => !isAlive(pid)), 5_000);
  });

  it('reports a server that stops answering (SIGSTOP) as failed, and still cleans it up', async () => {
    const run = bench(['--scenarios', 'echo-small', '-c', '2', '--models', 'event-loop', '-d', '1.5', '-n', '3', '-W', '0.2']);
    const victim = await eventually('the event-loop server', () => serverOf(run.child.pid!, 'event-loop'), 15_000);
    // Stopped once it has served for a while (0.2 s of its own CPU): by then both connections were answered,
    // so the warm-up ends and the windows see silence (a fixed delay would race a slow start on a busy machine).
    await eventually('the server to have served', () => (treeCpuSeconds(victim) ?? 0) >= 0.2, 30_000);
    process.kill(victim, 'SIGSTOP');
    // Its one point failed: so did every point.
    expect(await within('bench to finish', run.exited, 60_000)).toBe(BenchExit.everyPointFailed);
    const [row] = readResults(run.stdout()).results;
    expect(row).toMatchObject({ model: 'event-loop', status: 'failed' });
    expect(row!.failure).toMatch(/stopped answering/);
    expect(row!.errors.timeout).toBeGreaterThan(0);
    await eventually('every process the bench started to be gone', () => [...run.seen].every((pid) => !isAlive(pid)), 5_000);
  });

  it('on SIGINT stops cleanly, keeps partial results marked incomplete', async () => {
    const run = bench(['--scenarios', 'echo-small,echo-large', '-c', '2', '--models', 'fork,worker', '-d', '2', '-n', '1', '-W', '0.2']);
    await eventually('the first rows', () => run.stdout().includes('echo-small:'), 30_000);
    run.child.kill('SIGINT');
    expect(await within('bench to stop', run.exited, 20_000)).toBe(130);
    const results = readResults(run.stdout());
    expect(() => checkResults(results)).not.toThrow();
    expect(results.complete).toBe(false);
    expect(results.results.length).toBeGreaterThanOrEqual(2);
    await eventually('every process the bench started to be gone', () => [...run.seen].every((pid) => !isAlive(pid)), 5_000);
  });

  it('marks every point failed when nothing listens at --target, saying why, and exits with its own code', async () => {
    // Port 1: nothing listens there (it would need privileges).
    const run = bench(['--target', '127.0.0.1:1', '--scenarios', 'echo-small,churn', '-c', '2', '-d', '0.2', '-W', '0.1', '-n', '1']);
    let stderr = '';
    run.child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    expect(await within('bench to finish', run.exited, 30_000)).toBe(BenchExit.everyPointFailed);
    const { results } = readResults(run.stdout());
    expect(results.map((row) => [row.scenario, row.status, row.failure])).toEqual([
      ['echo-small', 'failed', 'cannot connect to 127.0.0.1:1: ECONNREFUSED'],
      ['churn', 'failed', 'cannot connect to 127.0.0.1:1: ECONNREFUSED'],
    ]);
    expect(run.stdout()).toContain('FAILED: cannot connect to 127.0.0.1:1: ECONNREFUSED');
    expect(stderr).toContain('bench: every point failed, nothing was measured (first: cannot connect to 127.0.0.1:1: ECONNREFUSED)');
  });

  describe('against an external echo server', () => {
    const external = serverPool();
    afterAll(() => external.cleanup());

    it('measures it as it answers: its address recorded and named, its server figures null, only the generator placed', async () => {
      const server = await external.start('event-loop');
      const run = bench(['--target', `127.0.0.1:${server.port}`, '--scenarios', 'echo-small', '-c', '1', '-d', '0.3', '-W', '0.1', '-n', '1']);
      expect(await within('bench to finish', run.exited, 30_000)).toBe(0);
      const results = readResults(run.stdout());
      expect(() => checkResults(results)).not.toThrow();
      const [row] = results.results;
      expect(row).toMatchObject({ model: 'external', target: { host: '127.0.0.1', port: server.port }, status: 'ok', server: null });
      expect(row!.placement.serverCpus).toBeNull();
      // Its interval log beside results.json, named in the row.
      const runDir = dirname(/results: (\S+results\.json)/.exec(run.stdout())![1]!);
      expect(row!.intervals!.hlog).toBe(join('hlog', '000-echo-small-external.hlog'));
      expect(readFileSync(join(runDir, row!.intervals!.hlog!), 'utf8')).toContain('echolab echo-small external c=1');
      expect(`${row!.placement.note} ${results.env.placement.note}`).not.toContain('server on cpu');
      expect(run.stdout()).toContain(`1 scenario against the external echo server at 127.0.0.1:${server.port}`);
      expect(run.stdout()).toMatch(new RegExp(`│ external 127\\.0\\.0\\.1:${server.port} +│ 1 .*│ — +│ — +│ — +│`));
    });
  });

  it('refuses a target that is not loopback, and bad options, with one line and exit code 2', async () => {
    // The last: more connections than the open-file limit (20,000 here) allows, caught before any server starts.
    for (const args of [['--target', '10.1.2.3:7'], ['-c', 'many'], ['--models', 'threads'], ['--bogus'], ['-c', '99999', '--models', 'event-loop']]) {
      const run = bench(args);
      let stderr = '';
      run.child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
      expect(await within('bench to exit', run.exited, 10_000)).toBe(2);
      expect(stderr.split('\n')[0]).toMatch(/^bench: /);
      if (args[1] === '99999') expect(stderr).toMatch(/open files.*ulimit -n/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
