/** The model registry: id to start function. */
import type { ModelId } from './ids.js';
import type { StartModel } from './model.js';

/** Loaded on demand so a server imports only its own model (and piscina only when asked). */
export async function loadModel(id: ModelId): Promise<StartModel> {
  switch (id) {
    case 'sequential':
      return (await import('./sequential.js')).start;
    case 'fork':
      return (await import('./fork.js')).start;
    case 'worker':
      return (await import('./worker.js')).start;
    case 'piscina':
      return (await import('./piscina.js')).start;
    case 'hsha':
      return (await import('./hsha.js')).start;
    case 'event-loop':
      return (await import('./event-loop.js')).start;
    case 'cluster':
      return (await import('./cluster.js')).start;
    case 'reuseport':
      return (await import('./reuseport.js')).start;
  }
}
