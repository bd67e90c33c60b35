/**
 * Which part of a model a thread is, by where it runs and its name (the parts each model has are in
 * its registry entry, models/index.ts): the server's cost is read per role, so that a model's anatomy shows where its cost sits (hsha: the pool hop; worker: each
 * connection thread's wake-ups; fork: the children).
 */
import { isModelId } from '../../models/ids.js';
import { MODELS } from '../../models/index.js';
import type { ThreadCounters } from '../server/thread-counters.js';

const RUNTIME_ROLE = 'runtime threads (V8, libuv)';

export function roleOf(model: string, thread: Pick<ThreadCounters, 'inRoot' | 'name'>): string {
  const roles = isModelId(model) ? MODELS[model].roles : undefined;
  if (!thread.inRoot) return roles?.children ?? 'child processes';
  if (thread.name === 'MainThread') return roles?.main ?? 'main thread';
  if (thread.name === 'WorkerThread') return roles?.threads ?? 'JS threads';
  return RUNTIME_ROLE;
}
