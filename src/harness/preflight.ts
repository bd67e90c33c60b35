/** Before a run: can this machine hold the scenario? Say what to change when it cannot. */
import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { UsageError } from '../shared/exit-codes.js';
import type { ModelId } from '../models/ids.js';
import type { Point } from './scenario.js';

/** What one fork child or cluster worker costs in memory (Node 20, measured in the fork model's churn runs). */
const NODE_PROCESS_BYTES = 60 * 2 ** 20;
const FORK_CAP = 64;

function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

export function preflight(points: readonly Point[], models: readonly (ModelId | 'external')[]): void {
  const connections = Math.max(0, ...points.map((p) => p.connections + p.idleConnections));
  const limit = openFileLimit();
  // Each connection costs the generator one descriptor and the server one; leave room for the rest.
  const needed = connections + 256;
  if (needed > limit) {
    throw new UsageError(`${connections} connections need about ${needed} open files, the limit is ${limit}: raise it (ulimit -n ${needed}) or use fewer connections`);
  }
  if (models.includes('fork')) {
    const children = Math.min(connections, FORK_CAP);
    const bytes = children * NODE_PROCESS_BYTES;
    if (bytes > freemem()) {
      throw new UsageError(
        `the fork model may run ${children} children (~${Math.round(bytes / 2 ** 20)} MiB) but only ${Math.round(freemem() / 2 ** 20)} MiB is free: use fewer connections or leave fork out (--models)`,
      );
    }
  }
}
