/** One short `bench` run of the compiled CLI into a scratch folder: its exit code, stdout and results.json. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledScript } from '../../src/harness/compiled.js';
import { killTree } from '../../src/harness/server/server-process.js';
import type { ResultsFile } from '../../src/results/schema.js';

export interface BenchRun {
  code: number | null;
  stdout: string;
  /** results.json, or undefined when the run printed no results path. */
  results: ResultsFile | undefined;
}

/** Runs bench with `args` (no progress bar, no report) and removes its folder; kills its tree if the run is cut short. */
export async function runBench(args: readonly string[]): Promise<BenchRun> {
  const out = mkdtempSync(join(tmpdir(), 'echolab-bench-run-'));
  const child = spawn(process.execPath, [compiledScript('src/cli/bench.js'), '--no-progress', '--no-report', '--out', out, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.resume();
  try {
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const path = /results: (\S+results\.json)/.exec(stdout)?.[1];
    return { code, stdout, results: path ? (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile) : undefined };
  } finally {
    killTree(child.pid!);
    rmSync(out, { recursive: true, force: true });
  }
}
