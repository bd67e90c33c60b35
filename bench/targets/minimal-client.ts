/** Runs the 20-line Node client (bench/baselines/minimal-client.ts) pinned to `cpus`: its CPU µs per message answered. */
import { spawn } from 'node:child_process';
import { compiledScript } from '../../src/harness/compiled.js';
import { pinPrefix } from '../../src/harness/plan/placement.js';

const SCRIPT = compiledScript('bench/baselines/minimal-client.js');

export function runMinimalClient(port: number, connections: number, seconds: number, cpus: readonly number[] | null): Promise<number> {
  const [command, ...args] = [...pinPrefix(cpus), process.execPath, SCRIPT, String(port), String(connections), String(seconds), '500'];
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.once('exit', (code) => {
      try {
        const { messages, cpuUs } = JSON.parse(out) as { messages: number; cpuUs: number };
        if (code !== 0 || messages === 0) throw new Error('no message answered');
        resolve(cpuUs / messages);
      } catch (error) {
        reject(new Error(`minimal client failed (code ${code}): ${out.trim() || String(error)}`));
      }
    });
  });
}
