/** Model ids, used alike in the CLI, results and charts. */
export const MODEL_IDS = ['sequential', 'fork', 'worker', 'piscina', 'hsha', 'event-loop', 'cluster', 'reuseport'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function isModelId(value: string): value is ModelId {
  return (MODEL_IDS as readonly string[]).includes(value);
}

/** What each model is, in a few words (report pages say which models a run compared). */
export const MODEL_SUMMARIES: Record<ModelId, string> = {
  sequential: 'one connection at a time',
  fork: 'a child process per connection',
  worker: 'a worker thread per connection, owning its socket',
  piscina: 'a fixed thread pool whose tasks are connections',
  hsha: 'half-sync/half-async: main-thread I/O, a thread pool doing the work on chunks',
  'event-loop': 'one thread, non-blocking I/O',
  cluster: 'one event-loop process per core sharing the port',
  reuseport: 'one event-loop thread per core, each listening on the port with SO_REUSEPORT',
};
