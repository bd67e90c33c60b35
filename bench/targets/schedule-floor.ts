/** Runs clock-watcher.ts pinned to the generator's CPUs: this machine's floor under any generator's send lag. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compiledScript } from '../../src/harness/compiled.js';
import { pinPrefix } from '../../src/harness/plan/placement.js';

export interface FloorFigures {
  p50: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
  count: number;
}

/** The clock-only send lag at `rate` msgs/s over `ms`, on `cpus` (null: unpinned). */
export async function scheduleFloor(rate: number, ms: number, cpus: readonly number[] | null): Promise<FloorFigures> {
  const [command, ...args] = [...pinPrefix(cpus), process.execPath, compiledScript('bench/targets/clock-watcher.js'), String(rate), String(ms)];
  const { stdout } = await promisify(execFile)(command!, args, { timeout: ms + 10_000 });
  return JSON.parse(stdout) as FloorFigures;
}
