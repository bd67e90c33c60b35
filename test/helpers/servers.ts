/**
 * Servers for tests: started through the real serve CLI (compiled, in dist/), remembered, and
 * killed with their whole process tree by the file's afterEach/afterAll even when a test fails.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { killTree, SERVE_SCRIPT, startServer, type ServerProcess, type StartOptions } from '../../src/harness/server/server-process.js';

export { MODEL_IDS, type ModelId } from '../../src/models/ids.js';
export type { ServerProcess };

if (!existsSync(SERVE_SCRIPT)) throw new Error(`${SERVE_SCRIPT} is missing: run \`npm run build\` first (npm test does)`);

export interface ServerPool {
  start(model: string, options?: StartOptions): Promise<ServerProcess>;
  /** Kill every server this pool started (and its children); pass to afterEach or afterAll. */
  cleanup(): Promise<void>;
}

export function serverPool(): ServerPool {
  const running = new Set<ServerProcess>();
  return {
    async start(model, options) {
      const server = await startServer(model, options);
      running.add(server);
      return server;
    },
    async cleanup() {
      for (const server of running) {
        killTree(server.pid);
        await server.exited;
      }
      running.clear();
    },
  };
}

/** Flags that keep a model small for tests that need its cap, e.g. fork with 2 children, piscina with 2 one-connection threads. */
export function capFlag(model: string, cap: number): string[] {
  if (model === 'fork') return ['--max-children', String(cap)];
  if (model === 'worker') return ['--max-workers', String(cap)];
  if (model === 'piscina') return ['--threads', String(cap), '--conns-per-thread', '1'];
  return [];
}

/** One server for every test of the enclosing describe: started before them, killed after them. */
export function sharedServer(model: string, options?: StartOptions): () => ServerProcess {
  const pool = serverPool();
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    server = await pool.start(model, options);
  });
  afterAll(() => pool.cleanup());
  return () => server!;
}
