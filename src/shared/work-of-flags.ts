/** The work a server's connections pay, from serve's flags: one reading for serve and the baselines alike. */
import { calibrate, workOfRounds, type WorkSpec } from './work.js';

export interface WorkFlags {
  /** --work-us: µs per block; 0, no work. */
  workUs: number;
  /** --work-bytes: the block. */
  workBytes: number;
  /** --work-rounds: hash rounds per block as calibrated elsewhere (the bench's one calibration); 0, calibrate here. */
  workRounds: number;
}

/** The rounds given, else calibrated here, once, to be handed to every child and thread. */
export function workOfFlags({ workUs, workBytes, workRounds }: WorkFlags): WorkSpec {
  if (workUs === 0) return { usPerBlock: 0, blockBytes: workBytes, iterationsPerUs: 0, overheadUs: 0 };
  return workRounds > 0 ? workOfRounds(workUs, workBytes, workRounds) : { usPerBlock: workUs, blockBytes: workBytes, ...calibrate() };
}

/** The log line that says which work the server pays and where its rounds came from; undefined without work. */
export function workLine(work: WorkSpec, { workUs, workRounds }: WorkFlags): string | undefined {
  if (workRounds > 0) return `work: ${workUs} µs per ${work.blockBytes} B, given as ${workRounds} hash rounds per block`;
  if (work.usPerBlock === 0) return undefined;
  return `work: ${work.usPerBlock} µs per ${work.blockBytes} B (calibrated: ${work.iterationsPerUs.toFixed(2)} hash rounds/µs + ${work.overheadUs.toFixed(1)} µs per call)`;
}
