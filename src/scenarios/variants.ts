/**
 * Model variants a scenario runs besides each model's defaults: serve flags that change what the
 * scenario measures of that model. Each gets its own server start and its own rows.
 */
import { MODEL_DEFAULTS, MODEL_FLAGS } from '../models/options.js';
import type { ModelId } from '../models/ids.js';

/** Per model, the serve flag sets it also runs with, one variant each. */
export type ModelVariants = Partial<Record<ModelId, readonly (readonly string[])[]>>;

/**
 * worker in its production form beside its textbook one: a thread cache as large as its cap, so that
 * no connection waits on a thread start while a thread that ended one is idle.
 */
export const THREAD_CACHED_WORKER: ModelVariants = {
  worker: [[`--${MODEL_FLAGS.threadCache.name}`, String(MODEL_DEFAULTS.maxWorkers)]],
};

/** The serve flags of each row `model` gives in a scenario with `variants`: [] (its defaults) first. */
export function variantFlags(variants: ModelVariants | undefined, model: ModelId | 'external'): readonly (readonly string[])[] {
  return model === 'external' ? [[]] : [[], ...(variants?.[model] ?? [])];
}
