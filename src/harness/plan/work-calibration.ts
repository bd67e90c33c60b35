/**
 * The run's one calibration of the work hash, measured in a process of its own pinned to the server's
 * CPUs (as the servers will run), so that every server, child and thread burns the same rounds for
 * the same nominal work: servers that calibrated on their own differed by up to 40 % here.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compiledScript } from '../compiled.js';
import { pinPrefix } from './placement.js';
import { formatCpuList } from '../../shared/cpu-list.js';
import type { WorkCalibration } from '../../results/schema.js';
import { iterationsForUs } from '../../shared/work.js';

const CALIBRATE_SCRIPT = compiledScript('src/harness/server/calibrate-work.js');

export async function calibrateWork(cpus: readonly number[] | null): Promise<WorkCalibration> {
  const [command, ...args] = [...pinPrefix(cpus), process.execPath, CALIBRATE_SCRIPT];
  const { stdout } = await promisify(execFile)(command!, args, { timeout: 30_000 });
  const { iterationsPerUs, overheadUs } = JSON.parse(stdout) as Omit<WorkCalibration, 'cpus'>;
  return { iterationsPerUs, overheadUs, cpus: cpus ? [...cpus] : null };
}

/** Hash rounds for `usPerBlock` µs of work in one call, under this calibration: what `serve --work-rounds` is given. */
export function roundsPerBlock(calibration: WorkCalibration, usPerBlock: number): number {
  return iterationsForUs({ usPerBlock, blockBytes: 1, ...calibration }, usPerBlock);
}

/** "calibrated once on cpu 0: 6.29 hash rounds/µs + 3.0 µs a call; 1000 µs of work = 6,268 rounds per message, for every server". */
export function workCalibrationNote(calibration: WorkCalibration, usPerMessage: number): string {
  const where = calibration.cpus ? `cpu ${formatCpuList(calibration.cpus)}` : 'unpinned';
  return (
    `calibrated once on ${where}: ${calibration.iterationsPerUs.toFixed(2)} hash rounds/µs + ${calibration.overheadUs.toFixed(1)} µs a call; ` +
    `${usPerMessage} µs of work = ${roundsPerBlock(calibration, usPerMessage).toLocaleString('en-US')} rounds per message, for every server`
  );
}
