/** What the server's own stats say about departed clients: how many it holds or dropped, and how many it dropped. */
import type { ModelStats } from '../../models/model.js';

/** Clients the server dropped unserved between two readings; null where the model does not count them. */
export function abandonedCount(before: ModelStats | undefined, after: ModelStats | undefined): number | null {
  if (after?.abandoned === undefined) return null;
  return after.abandoned - (before?.abandoned ?? 0);
}

/**
 * Whether the server has taken in `departed` more clients since `before`: each is either waiting in
 * its queue or was dropped from it. Undefined for a model that makes no connection wait (it serves and
 * closes them as they come), for a server that does not say, and when a reading is missing.
 */
export function tookIn(before: ModelStats | undefined, now: ModelStats | undefined, departed: number): boolean | undefined {
  if (now?.queues === false || before?.waiting === undefined || now?.waiting === undefined) return undefined;
  const held = (stats: ModelStats) => (stats.waiting ?? 0) + (stats.abandoned ?? 0);
  return held(now) - held(before) >= departed;
}
