/**
 * One colour per model, the same in every chart and table. Okabe-Ito colours: distinguishable
 * with the common colour-vision deficiencies and in greyscale print.
 */
import { MODEL_IDS } from '../models/ids.js';
import type { ResultRow } from '../results/schema.js';
import { serverKey } from '../results/server-label.js';

export type ModelKey = ResultRow['model'];

export const MODEL_COLOURS: Record<ModelKey, string> = {
  sequential: '#e69f00',
  fork: '#56b4e9',
  worker: '#009e73',
  piscina: '#cc79a7',
  hsha: '#f0e442',
  'event-loop': '#0072b2',
  cluster: '#d55e00',
  reuseport: '#000000',
  // Okabe-Ito has eight colours, one per model; a server we did not write gets a neutral grey.
  external: '#999999',
};

/** Every model in a stable order (the servers' order, then external targets). */
export const MODEL_ORDER: readonly ModelKey[] = [...MODEL_IDS, 'external'];

/** The models present in some rows, in the stable order: a colour scale's domain. */
export function modelsIn(rows: readonly ResultRow[]): ModelKey[] {
  const present = new Set(rows.map((row) => row.model));
  return MODEL_ORDER.filter((model) => present.has(model));
}

/** The servers present in some rows (models, and variants of a model next to it), in the stable order, each with its model's colour. */
export function serversIn(rows: readonly ResultRow[]): { key: string; colour: string }[] {
  const byKey = new Map(rows.map((row) => [serverKey(row), row]));
  return modelsIn(rows).flatMap((model) =>
    [...byKey.values()]
      .filter((row) => row.model === model)
      .sort((a, b) => (a.serveFlags?.length ?? 0) - (b.serveFlags?.length ?? 0))
      .map((row) => ({ key: serverKey(row), colour: MODEL_COLOURS[model] })),
  );
}
