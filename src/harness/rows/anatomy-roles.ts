/**
 * Which part of a model a thread is, by where it runs and its name: the server's cost is read per
 * role, so that a model's anatomy shows where its cost sits (hsha: the pool hop; worker: each
 * connection thread's wake-ups; fork: the children).
 */
import type { ThreadCounters } from '../server/thread-counters.js';

/** What the JS threads (`WorkerThread`) of each model are; absent: the model starts none. */
const THREAD_ROLES: Partial<Record<string, string>> = {
  worker: 'connection threads',
  piscina: 'pool threads',
  hsha: 'pool threads',
  reuseport: 'listener threads',
};

/** What the child processes of each model are. */
const CHILD_ROLES: Partial<Record<string, string>> = {
  fork: 'connection processes',
  cluster: 'worker processes',
};

export const RUNTIME_ROLE = 'runtime threads (V8, libuv)';

export function roleOf(model: string, thread: Pick<ThreadCounters, 'inRoot' | 'name'>): string {
  if (!thread.inRoot) return CHILD_ROLES[model] ?? 'child processes';
  if (thread.name === 'MainThread') return model === 'cluster' ? 'primary' : 'main thread';
  if (thread.name === 'WorkerThread') return THREAD_ROLES[model] ?? 'JS threads';
  return RUNTIME_ROLE;
}
