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

/**
 * How a model's speed-up reads: gained (at least NO_GAIN, every repeat at the most cores above every one at
 * the fewest: a noisy machine can fake 1.3×); within noise (NO_GAIN or more, but the repeats' ranges
 * overlap); or no gain (under NO_GAIN).
 */
function verdict(model: ModelScaling): 'gained' | 'noise' | 'flat' {
  if (speedup(model)! < NO_GAIN) return 'flat';
  return clearlyAbove(model.points.at(-1)!.row, model.base!) ? 'gained' : 'noise';
}

export function scalingSentences(rows: readonly ResultRow[]): (string | null)[] {
  const models = scalingOf(rows).filter((model) => speedup(model) !== null);
  if (models.length === 0) return [];
  const from = models[0]!.base!.serverCores!;
  const to = Math.max(...models.map((model) => model.points.at(-1)!.cores));
  const name = (model: ModelScaling) => serverName(model.base!);
  const listed = (these: ModelScaling[]) => these.map((model) => `${name(model)} ${times(speedup(model)!)}`).join(', ');
  const gaining = models.filter((model) => verdict(model) === 'gained').sort((a, b) => speedup(b)! - speedup(a)!);
  const noisy = models.filter((model) => verdict(model) === 'noise');
  const flat = models.filter((model) => verdict(model) === 'flat');
  const ideal = to / from;
  const gains =
    `From ${from} to ${to} server cores (ideal ${times(ideal)}): ` +
    (gaining.length > 0 ? `${listed(gaining)} gained` : 'no model gained measurably') +
    (noisy.length > 0 ? `; ${listed(noisy)} within noise (the ranges of the repeats at ${from} and ${to} cores overlap)` : '') +
    (flat.length > 0 ? `; ${listed(flat)} did not (under ${times(NO_GAIN)})` : '') +
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
