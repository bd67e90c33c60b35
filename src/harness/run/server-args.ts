/** A point's serve flags, and the runs of consecutive points one server start can serve. */
import type { WorkCalibration } from '../../results/schema.js';
import type { Point } from '../../scenarios/scenario.js';
import { roundsPerBlock } from '../plan/work-calibration.js';

/**
 * The serve flags a point needs: quiet logs, a short grace, and the scenario's CPU work per message,
 * charged per message (one block of its size): as the run's calibration's rounds where there is one.
 * The grace bounds only a stop something holds up: the harness closes (or releases) its connections
 * before it stops a server, and nothing is measured while one stops.
 */
export function serverArgs(point: Point, calibration?: WorkCalibration): string[] {
  const args = ['--log-level', 'warn', '--grace', '1'];
  if (point.workUsPerMessage > 0) {
    args.push('--work-us', String(point.workUsPerMessage), '--work-bytes', String(point.messageSize));
    if (calibration) args.push('--work-rounds', String(roundsPerBlock(calibration, point.workUsPerMessage)));
  }
  return args;
}

/** Consecutive points one server start can serve: the same serve flags, on the same CPUs. */
export function serverGroups<P extends Point>(points: readonly P[]): P[][] {
  const key = (point: Point) => [...serverArgs(point), point.serverCores].join(' ');
  const groups: P[][] = [];
  for (const point of points) {
    const last = groups.at(-1);
    if (last && key(last[0]!) === key(point)) last.push(point);
    else groups.push([point]);
  }
  return groups;
}
