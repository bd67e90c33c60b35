/** Before a run: can this machine hold the scenario? Say what to change when it cannot. */
import { freemem } from 'node:os';
import { UsageError } from '../../shared/exit-codes.js';
import { openFileLimit } from '../../shared/fd-limit.js';
import { MODEL_DEFAULTS } from '../../models/options.js';
import type { ModelId } from '../../models/ids.js';
import type { Point } from '../../scenarios/scenario.js';

/** What one fork child costs in memory (Node 20; the reference run's churn and echo-small rows show 33 to 50 MiB). */
const NODE_PROCESS_BYTES = 50 * 2 ** 20;

export function preflight(all: readonly Point[], models: readonly (ModelId | 'external')[]): void {
  // The connections scenario projects each step against these limits itself, and runs only what fits.
  const points = all.filter((point) => !point.hold);
  // Departing clients all connect at once: for a moment each holds a descriptor on both sides too.
  const connections = Math.max(0, ...points.map((p) => p.connections + p.idleConnections + (p.abandon?.clients ?? 0)));
  const limit = openFileLimit() ?? Number.POSITIVE_INFINITY;
  // Each connection costs the generator one descriptor and the server one; leave room for the rest.
  const needed = connections + 256;
  if (needed > limit) {
    throw new UsageError(`${connections} connections need about ${needed} open files, the limit is ${limit}: raise it (ulimit -n ${needed}) or use fewer connections`);
  }
  if (models.includes('fork')) {
    const children = Math.min(connections, MODEL_DEFAULTS.maxChildren);
    const bytes = children * NODE_PROCESS_BYTES;
    if (bytes > freemem()) {
      throw new UsageError(
        `the fork model may run ${children} children (~${Math.round(bytes / 2 ** 20)} MiB) but only ${Math.round(freemem() / 2 ** 20)} MiB is free: use fewer connections or leave fork out (--models)`,
      );
    }
  }
}
