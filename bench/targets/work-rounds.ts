/**
 * The hash rounds a server burns per message, from the calibration it logs (serve at info level, a
 * baseline always). Each server calibrates on its own at start-up, and on a busy machine (or on one
 * vCPU rather than the other) two calibrations differ by up to 40%: msgs/s of two CPU-bound servers
 * then compare only once scaled by the rounds each burns per message.
 */
import { iterationsForUs } from '../../src/shared/work.js';

const CALIBRATED = /calibrated: ([\d.]+) hash rounds\/µs \+ ([\d.]+) µs per call/;

/** Rounds one message of `usPerMessage` µs costs under the calibration in `log`; undefined if none is logged. */
export function roundsPerMessage(log: string, usPerMessage: number): number | undefined {
  const found = CALIBRATED.exec(log);
  if (!found) return undefined;
  return iterationsForUs({ usPerBlock: usPerMessage, blockBytes: 1, iterationsPerUs: Number(found[1]), overheadUs: Number(found[2]) }, usPerMessage);
}
