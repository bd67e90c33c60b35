/**
 * A core sweep read off its rows: per model, msgs/s at each server core count k, and the ideal linear
 * line from the model's figure at the fewest cores (one, in the default suite). Chart and narrative
 * both read it here, so they say the same.
 */
import type { ResultRow } from '../results/schema.js';
import { MODEL_ORDER } from './model-colours.js';

export interface ScalingPoint {
  cores: number;
  row: ResultRow;
  /** k × the model's figure at its fewest cores / those cores; null without a measured base. */
  ideal: number | null;
}

export interface ModelScaling {
  model: ResultRow['model'];
  /** By cores, ascending. */
  points: ScalingPoint[];
  /** The measured row the ideal line starts from (the fewest cores), if that row measured something. */
  base: ResultRow | null;
}

/** Rows of a scenario that form a core sweep: pinned rows at two or more core counts. At several connection counts, the largest. */
export function sweepRows(rows: readonly ResultRow[]): ResultRow[] {
  const pinned = rows.filter((row) => typeof row.serverCores === 'number');
  const connections = Math.max(...pinned.map((row) => row.connections));
  const at = pinned.filter((row) => row.connections === connections);
  return new Set(at.map((row) => row.serverCores)).size >= 2 ? at : [];
}

export function scalingOf(rows: readonly ResultRow[]): ModelScaling[] {
  const swept = sweepRows(rows);
  const models = [...new Set(swept.map((row) => row.model))].sort((a, b) => MODEL_ORDER.indexOf(a) - MODEL_ORDER.indexOf(b));
  return models.map((model) => {
    const own = swept.filter((row) => row.model === model).sort((a, b) => a.serverCores! - b.serverCores!);
    const first = own[0]!;
    const base = first.status === 'ok' && first.msgsPerSec.median > 0 ? first : null;
    const points = own.map((row) => ({
      cores: row.serverCores!,
      row,
      ideal: base ? (base.msgsPerSec.median * row.serverCores!) / base.serverCores! : null,
    }));
    return { model, points, base };
  });
}

/** Where a model stops gaining: the first step up in cores that added less than a quarter of the ideal gain. */
const STOP_GAIN = 0.25;

/** The core count after which adding cores stopped paying (null: it gained at every measured step, or cannot be told). */
export function stopsAt(scaling: ModelScaling): number | null {
  const measured = scaling.points.filter((point) => point.row.status === 'ok');
  for (let i = 0; i + 1 < measured.length; i++) {
    const [from, to] = [measured[i]!, measured[i + 1]!];
    const before = from.row.msgsPerSec.median;
    if (before <= 0) return null;
    const idealGain = before * (to.cores / from.cores - 1);
    if (to.row.msgsPerSec.median - before < STOP_GAIN * idealGain) return from.cores;
  }
  return null;
}
