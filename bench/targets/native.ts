/**
 * The native C reference pair in ../shared/reference, used only to measure against (never a
 * dependency): compiled into a temporary directory when a C compiler and the sources are there.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pinPrefix } from '../../src/harness/plan/placement.js';

export interface NativePair {
  server: string;
  client: string;
}

/** Build the reference pair, or say why it cannot be had. */
export function buildNative(referenceDir: string): NativePair | string {
  const dir = resolve(referenceDir);
  const sources = ['echo_server.c', 'echo_client.c'].map((f) => join(dir, f));
  if (!sources.every(existsSync)) return `no reference sources in ${dir}`;
  const out = mkdtempSync(join(tmpdir(), 'echolab-native-'));
  try {
    const [server, client] = ['echo_server', 'echo_client'].map((name, i) => {
      execFileSync('cc', ['-O2', '-o', join(out, name), sources[i]!], { stdio: 'ignore' });
      return join(out, name);
    });
    return { server: server!, client: client! };
  } catch {
    return 'no C compiler (cc) to build the reference';
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** Start the native server pinned to `cpus`; resolves once it accepts connections. */
export async function startNativeServer(pair: NativePair, cpus: number[] | null): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const [command, ...args] = [...pinPrefix(cpus), pair.server, String(port)];
  const child = spawn(command!, args, { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((r) => {
      const s = net.connect({ port, host: '127.0.0.1' }, () => (s.destroy(), r(true)));
      s.on('error', () => r(false));
    });
    if (up) return { port, process: child };
    await delay(20);
  }
  child.kill('SIGKILL');
  throw new Error('the native server did not start');
}

/** The native closed-loop client: msgs/s at `connections` × `size` B for `seconds`, pinned to `cpus`. */
export function runNativeClient(pair: NativePair, port: number, connections: number, size: number, seconds: number, cpus: number[] | null): Promise<number> {
  const [command, ...args] = [...pinPrefix(cpus), pair.client, String(port), String(connections), String(size), String(seconds)];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    child.once('exit', (code) => {
      const rate = /msgs\/s=(\d+)/.exec(out)?.[1];
      if (code === 0 && rate) resolvePromise(Number(rate));
      else reject(new Error(`native client failed (code ${code}): ${out.trim()}`));
    });
  });
}
