/**
 * Other hosts over SSH, for real: three network namespaces as three hosts, OpenSSH's sshd in the two
 * remote ones, and bench run in the first with the server on one remote host and generators here and
 * on the other. Skipped, saying why, where namespaces cannot be made (not root, no ip netns, no sshd).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsHistogram } from 'hdr-histogram-js';
import { decode, newHistogram } from '../../src/harness/load/histogram.js';
import { INSTALL_DIR } from '../../src/harness/transport/version.js';
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
  function bench(args: string[]) {
    const h = hosts!;
    const child = spawn(
      'ip',
      ['netns', 'exec', h.local, process.execPath, join(INSTALL_DIR, 'bin/echolab.js'), 'bench', '--json', '--no-progress', '--no-report', '--out', out,
        '--scenarios', 'echo-small', '--models', 'event-loop', '--server-host', h.serverAddress, '--generator-hosts', h.generatorAddress,
        '--allow-remote', '--ssh', `ssh -F ${h.sshConfig}`, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    benches.push(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<{ code: number | null; results: ResultsFile; stderr: string }>((resolve) =>
      child.once('exit', (code) => resolve({ code, results: JSON.parse(stdout || 'null') as ResultsFile, stderr })),
    );
    return { pid: child.pid!, exited };
  }

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
    await eventually('the remote server to start', () => netnsPids(h.server).some((pid) => commandLine(pid).includes('serve.js')), 60_000);
    const sshClient = await eventually('the ssh client of the server session', () =>
      netnsPids(h.local).find((pid) => {
        const command = commandLine(pid);
        return command.startsWith('ssh ') && command.includes(h.serverAddress) && command.includes("'--role' 'server'");
      }),
    );
    process.kill(sshClient, 'SIGKILL');
    // The remote side stops on its own: its input closed.
    await eventually('the remote server and agent to stop', () => echolabPids(h.server).length === 0);

    const { code, results } = await run.exited;
    expect(code).toBe(BenchExit.everyPointFailed);
    expect(results.results.length).toBeGreaterThan(0);
    for (const row of results.results) {
      expect(row.status).toBe('failed');
      expect(row.failure).toContain(h.serverAddress);
    }
    await eventually('no echolab process left in any namespace', () => leftovers().length === 0);
  }, 180_000);
});
