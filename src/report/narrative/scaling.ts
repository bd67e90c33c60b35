/**
 * A core sweep in words: how much each model gained from its fewest to its most server cores (against
 * the ideal), where it stopped gaining, and how many cores' worth of CPU its server actually used.
 */
import { clearlyAbove } from '../intervals.js';
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { num, times } from '../../results/format.js';
import { scalingOf, stopsAt, type ModelScaling } from '../scaling.js';

/** Speed-up at the most cores over the base: "cluster 1.9×". */
function speedup({ points, base }: ModelScaling): number | null {
  const top = points.at(-1)!;
  return base && top.row !== base && top.row.status === 'ok' ? top.row.msgsPerSec.median / base.msgsPerSec.median : null;
}

/** A speed-up this close to 1 is within run-to-run noise: no gain. */
const NO_GAIN = 1.1;

/** Gained: at least NO_GAIN, and the two rows' ranges of msgs/s do not overlap (a noisy machine can fake 1.3×). */
function gained(model: ModelScaling): boolean {
  const top = model.points.at(-1)!.row;
  return speedup(model)! >= NO_GAIN && clearlyAbove(top, model.base!);
}

export function scalingSentences(rows: readonly ResultRow[]): (string | null)[] {
  const models = scalingOf(rows).filter((model) => speedup(model) !== null);
  if (models.length === 0) return [];
  const from = models[0]!.base!.serverCores!;
  const to = Math.max(...models.map((model) => model.points.at(-1)!.cores));
  const name = (model: ModelScaling) => serverName(model.base!);
  const gaining = models.filter(gained).sort((a, b) => speedup(b)! - speedup(a)!);
  const flat = models.filter((model) => !gained(model));
  const ideal = to / from;
  const gains =
    `From ${from} to ${to} server cores (ideal ${times(ideal)}): ` +
    (gaining.length > 0 ? `${gaining.map((model) => `${name(model)} ${times(speedup(model)!)}`).join(', ')} gained` : 'no model gained') +
    (flat.length > 0 ? `; ${flat.map((model) => `${name(model)} ${times(speedup(model)!)}`).join(', ')} did not (under ${times(NO_GAIN)}, or within the ranges of the repeats)` : '') +
    '.';
  // Where a model stopped, said only for models that gained at first (a flat model stopped at its base: said above).
  const stopped = gaining.map((model) => [model, stopsAt(model)] as const).filter(([, at]) => at !== null);
  const stops = stopped.length > 0 ? `Stopped gaining past: ${stopped.map(([model, at]) => `${name(model)} ${at} cores`).join(', ')}.` : null;
  return [gains, stops, cpuUsedSentence(models, to)];
}

/** The server's own CPU at the most cores, from /proc: whether a flat model used one core and a scaling one all of them. */
function cpuUsedSentence(models: readonly ModelScaling[], cores: number): string | null {
  const used = models
    .map((model) => model.points.at(-1)!)
    .filter((point) => point.cores === cores && point.row.server !== null)
    .map((point) => `${serverName(point.row)} ${num(point.row.server!.cpuPercent / 100)}`);
  return used.length > 0 ? `The server's CPU at ${cores} cores, in cores' worth (from /proc): ${used.join(', ')}.` : null;
}
