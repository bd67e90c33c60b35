/**
 * Other hosts over SSH, for real: three network namespaces as three hosts, OpenSSH's sshd in the two
 * remote ones, and bench run in the first with the server on one remote host and generators here and
 * on the other. Skipped, saying why, where namespaces cannot be made (not root, no ip netns, no sshd).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsHistogram } from 'hdr-histogram-js';
import { decode, newHistogram } from '../../src/harness/load/histogram.js';
import { ECHOLAB_VERSION, INSTALL_DIR } from '../../src/harness/transport/version.js';
import { checkResults } from '../../src/results/check-results.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { BenchExit } from '../../src/shared/exit-codes.js';
import { commandLine, createNetnsHosts, echolabPids, netnsPids, whyNoNetns, type NetnsHosts } from '../helpers/netns-hosts.js';
import { eventually } from '../helpers/poll.js';

const why = whyNoNetns();
if (why) console.warn(`ssh-hosts tests skipped: ${why}`);

describe.skipIf(why !== undefined)('bench across hosts over ssh (network namespaces)', () => {
  let hosts: NetnsHosts | undefined;
  const out = mkdtempSync(join(tmpdir(), 'echolab-ssh-results-'));
  const benches: number[] = [];

  beforeAll(() => {
    hosts = createNetnsHosts();
  }, 60_000);

  afterAll(() => {
    try {
      for (const pid of benches) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already ended
        }
      }
    } finally {
      hosts?.remove();
      rmSync(out, { recursive: true, force: true });
    }
  });

  /** bench inside the local namespace; the --ssh value is one argument, split by echolab, never by a shell. */
  function bench(args: string[], hostFlags = ['--server-host', hosts!.serverAddress, '--generator-hosts', hosts!.generatorAddress]) {
    const h = hosts!;
    const child = spawn(
      'ip',
      ['netns', 'exec', h.local, process.execPath, join(INSTALL_DIR, 'bin/echolab.js'), 'bench', '--json', '--no-progress', '--no-report', '--out', out,
        '--scenarios', 'echo-small', '--models', 'event-loop', ...hostFlags, '--allow-remote', '--ssh', `ssh -F ${h.sshConfig}`, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    benches.push(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<{ code: number | null; results: ResultsFile; stderr: string }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), results: JSON.parse(stdout || 'null') as ResultsFile, stderr })),
    );
    return { pid: child.pid!, exited };
  }

  /** The ssh client in the local namespace carrying the session of this role to this address. */
  const sshClient = (address: string, role: 'server' | 'generator') =>
    eventually(`the ssh client of the ${role} session to ${address}`, () =>
      netnsPids(hosts!.local).find((pid) => {
        const command = commandLine(pid);
        return command.startsWith('ssh ') && command.includes(address) && command.includes(`'--role' '${role}'`);
      }),
    30_000);
  /** Until the remote server runs; a bench that ended first fails the wait with what it said. */
  const serverRunning = async (run: ReturnType<typeof bench>) => {
    let ended: string | undefined;
    void run.exited.then(({ code, stderr }) => (ended = `bench ended first (exit ${code}): ${stderr}`));
    await eventually('the remote server to start', () => {
      if (ended) throw new Error(ended);
      return netnsPids(hosts!.server).some((pid) => commandLine(pid).includes('serve.js'));
    }, 60_000);
  };

  const leftovers = () => [hosts!.local, hosts!.server, hosts!.generator].flatMap((ns) => echolabPids(ns).map((p) => `${ns}: ${p.command}`));

  it('runs the server on one host and generators here and on another: exact echoes, exact merge, server costs from the remote host', async () => {
    const { code, results, stderr } = await bench(['-c', '4', '-d', '0.5', '-n', '2']).exited;
    expect(code, stderr).toBe(0);
    expect(() => checkResults(results)).not.toThrow();
    const [row] = results.results;
    expect(row!.status).toBe('ok');

    // Byte-exact: every echo compared byte for byte by the generators, and answers came from both hosts.
    expect(row!.errors).toEqual({ mismatch: 0, short: 0, reset: 0, refused: 0, timeout: 0, other: 0 });
    const perHost = row!.client.hosts!;
    expect(perHost.map((h) => h.host).sort()).toEqual([hosts!.generatorAddress, 'local'].sort());
    for (const host of perHost) expect(host.messages).toBeGreaterThan(0);

    // Merged exactly: counts add up, and the percentiles are those of one histogram fed every host's samples.
    expect(row!.latencyUs.count).toBe(perHost.reduce((sum, h) => sum + h.latencyCount, 0));
    const fedAll = newHistogram();
    for (const host of perHost) {
      const one = decode(host.latencyHistogram) as JsHistogram;
      expect(one.totalCount).toBe(host.latencyCount);
      const values = one.recordedValuesIterator;
      values.reset();
      while (values.hasNext()) {
        const { valueIteratedTo, countAtValueIteratedTo } = values.next();
        for (let i = 0; i < countAtValueIteratedTo; i++) fedAll.recordValue(valueIteratedTo);
      }
    }
    expect(fedAll.totalCount).toBe(row!.latencyUs.count);
    for (const [p, key] of [[50, 'p50'], [90, 'p90'], [99, 'p99'], [99.9, 'p999']] as const) {
      expect(row!.latencyUs[key], `p${p}`).toBe(fedAll.getValueAtPercentile(p));
    }
    expect(row!.latencyUs.max).toBe(fedAll.maxValue);

    // Server costs measured on the server's host, and the row says where it ran.
    expect(row!.serverHost).toBe(hosts!.serverAddress);
    expect(row!.placement.note).toContain(`server on ${hosts!.serverAddress}`);
    expect(row!.server).not.toBeNull();
    expect(row!.server!.cpuPercent).toBeGreaterThan(0);
    expect(row!.server!.peakRssBytes).toBeGreaterThan(0);
    expect(row!.server!.maxProcesses).toBeGreaterThanOrEqual(1);
    expect(row!.server!.series.length).toBeGreaterThan(0);

    await eventually('no echolab process left in any namespace', () => leftovers().length === 0);
  }, 120_000);

  it('cutting the ssh connection to the server host mid-run ends the run with failed rows naming the host, and leaves nothing behind', async () => {
    const run = bench(['-c', '4', '-d', '1', '-n', '30']);
    const h = hosts!;
    // Once the server is up over there, cut its session here: kill the ssh client that carries it.
    await serverRunning(run);
    process.kill(await sshClient(h.serverAddress, 'server'), 'SIGKILL');
    const cutAt = performance.now();
    // The remote side stops on its own: its input closed. (How long it took is printed, not asserted.)
    await eventually('the remote server and agent to stop', () => echolabPids(h.server).length === 0, 10_000, 10);
    console.info(`remote server and agent gone ${Math.round(performance.now() - cutAt)} ms after the ssh client was killed`);

    const { code, results } = await run.exited;
    expect(code).toBe(BenchExit.everyPointFailed);
    expect(results.results.length).toBeGreaterThan(0);
    for (const row of results.results) {
      expect(row.status).toBe('failed');
      expect(row.failure).toContain(h.serverAddress);
    }
    await eventually('no echolab process left in any namespace', () => leftovers().length === 0);
  }, 180_000);

  it('a generator host lost mid-run fails the row naming that host', async () => {
    const run = bench(['-c', '4', '-d', '1', '-n', '30']);
    const h = hosts!;
    await serverRunning(run);
    process.kill(await sshClient(h.generatorAddress, 'generator'), 'SIGKILL');
    const { code, results } = await run.exited;
    expect(code).toBe(BenchExit.everyPointFailed);
    for (const row of results.results) expect(row.failure).toContain(`generator on ${h.generatorAddress}`);
    await eventually('no echolab process left in any namespace', () => leftovers().length === 0);
  }, 180_000);

  it('Ctrl-C stops every host', async () => {
    const run = bench(['-c', '4', '-d', '1', '-n', '30']);
    await serverRunning(run);
    await sshClient(hosts!.generatorAddress, 'generator');
    process.kill(run.pid, 'SIGINT');
    expect((await run.exited).code).toBe(130);
    await eventually('no echolab process left in any namespace', () => leftovers().length === 0);
  }, 180_000);

  it('a harness killed outright (SIGKILL) leaves nothing behind on any host: the closed sessions stop them', async () => {
    const run = bench(['-c', '4', '-d', '1', '-n', '30']);
    await serverRunning(run);
    await sshClient(hosts!.generatorAddress, 'generator');
    process.kill(run.pid, 'SIGKILL');
    await run.exited;
    await eventually('no echolab process left in any namespace', () => leftovers().length === 0);
  }, 180_000);

  it('refuses a host without an install, or with another version, in one line naming the host', async () => {
    const h = hosts!;
    const missing = await bench([], ['--server-host', `${h.serverAddress}:/nonexistent/echolab`]).exited;
    expect(missing.code).toBe(BenchExit.remoteHost);
    expect(missing.stderr.trim()).toBe(`bench: ${h.serverAddress}: no echolab install in /nonexistent/echolab (bin/echolab.js not found there)`);

    // An "install" of another version: its agent says hello as echolab 0.0.0-other.
    const other = join(h.dir, 'other-echolab');
    mkdirSync(join(other, 'bin'), { recursive: true });
    writeFileSync(join(other, 'bin', 'echolab.js'), `console.log(JSON.stringify({ type: 'hello', version: '0.0.0-other' }));\n`);
    const mismatch = await bench([], ['--generator-hosts', `${h.generatorAddress}:${other}`]).exited;
    expect(mismatch.code).toBe(BenchExit.remoteHost);
    expect(mismatch.stderr.trim()).toBe(`bench: ${h.generatorAddress}: echolab 0.0.0-other in ${other}, but this is echolab ${ECHOLAB_VERSION}; install the same version there`);
  }, 60_000);

  it('a server host that silently vanishes (its link down, no reset) fails the run naming it, and stops by itself over there', async () => {
    const h = hosts!;
    const run = bench(['-c', '4', '-d', '2', '-n', '30']);
    await serverRunning(run);
    execFileSync('ip', ['-n', h.server, 'link', 'set', 'eth0', 'down']);
    try {
      // Here: ssh's keepalives go unanswered. There: the harness's pings stop coming.
      const { code, results } = await run.exited;
      expect(code).toBe(BenchExit.everyPointFailed);
      for (const row of results.results) expect(row.failure).toContain(h.serverAddress);
      await eventually('the server host to stop its server by itself', () => echolabPids(h.server).length === 0, 30_000);
    } finally {
      execFileSync('ip', ['-n', h.server, 'link', 'set', 'eth0', 'up']);
    }
    await eventually('no echolab process left in any namespace', () => leftovers().length === 0);
  }, 180_000);
});
