/**
 * Before each step of the connections scenario: what it would need, and whether to run it. The memory
 * comes from the previous step's cost per connection, the time to open it from the previous step's time
 * per connection; a step that would pass half of the memory available, the open-file limit or the
 * series' time budget is projected, not run, so no step can push the machine into swap or the OOM killer.
 */
import { memorySize } from '../../results/memory-size.js';
import { count, num } from '../../results/format.js';

/** What a measured step left to project the next one from. */
export interface MeasuredStep {
  connections: number;
  pssBytes: number;
  /** Connections this step opened, and ms until the last of them was answered (null: none was). */
  added: number;
  startMs: number | null;
  /** ms the step took but for its final wait on queued connections: the basis for its time per connection when none was answered. */
  wallMs: number;
}

export interface ProjectionInput {
  step: number;
  /** The last step measured in this series; null before the first. */
  last: MeasuredStep | null;
  baselinePssBytes: number;
  /** The cost per connection assumed before any step is measured: a whole Node process, the most any model pays. */
  priorBytesPerConnection: number;
  /** The most a step may add: half of the memory available. */
  safetyBoundBytes: number;
  /** Connections the open-file limit (or the model's cap flag) allows. */
  connectionLimit: { connections: number; why: string };
  /** Connections the model serves at once (null: no cap): past it new connections queue, and start nothing. */
  cap: number | null;
  /** How long a step waits for connections still unanswered. */
  deadlineMs: number;
  elapsedMs: number;
  budgetMs: number;
}

export interface Projection {
  run: boolean;
  /** Why not, in a few words; null when it runs. */
  reason: string | null;
  /** The memory (PSS) the step would need, from a measured cost per connection; null before one is measured. */
  projectedPssBytes: number | null;
  /** ms the step's new connections would take to open, from the last step's; null before one is measured. */
  projectedStartMs: number | null;
}

export function projectStep(input: ProjectionInput): Projection {
  const { step, last, baselinePssBytes } = input;
  const from = last ?? { connections: 0, pssBytes: baselinePssBytes, added: 0, startMs: null, wallMs: 0 };
  const added = step - from.connections;
  // Memory can shrink between reads (a GC): a cost below nothing is no cost.
  const cost = last ? Math.max(0, (last.pssBytes - baselinePssBytes) / last.connections) : input.priorBytesPerConnection;
  const projectedPssBytes = last ? from.pssBytes + cost * added : null;
  // A step that answered nothing still took its time: then its whole time is the (higher) basis.
  const perConnectionMs = last && last.added > 0 ? (last.startMs ?? last.wallMs) / last.added : null;
  // Past a cap, connections wait unanswered for the deadline instead of starting a process or a thread each.
  const served = (connections: number) => Math.min(connections, input.cap ?? connections);
  const starting = served(step) - served(from.connections);
  const waitMs = served(step) < step ? input.deadlineMs : 0;
  const projectedStartMs = perConnectionMs === null ? null : perConnectionMs * starting + waitMs;
  const projection = (reason: string | null) => ({ run: reason === null, reason, projectedPssBytes, projectedStartMs });

  if (cost * added > input.safetyBoundBytes) {
    const basis = last ? `at ${memorySize(cost)} a connection` : `at up to ${memorySize(cost)} a connection (none measured yet)`;
    return projection(`${basis}, ${count(added)} more would need ${memorySize(cost * added)}, over half the memory available (${memorySize(input.safetyBoundBytes)})`);
  }
  if (step > input.connectionLimit.connections) return projection(`${input.connectionLimit.why} allows ${count(input.connectionLimit.connections)} connections`);
  if (projectedStartMs !== null && input.elapsedMs + projectedStartMs > input.budgetMs) {
    const starts = `${count(starting)} more at ${num(perConnectionMs!)} ms each`;
    const waits = waitMs > 0 ? `waiting ${num(waitMs / 1000)} s for the ${count(step - served(step))} a cap of ${count(input.cap!)} leaves unanswered` : '';
    const what = [starting > 0 ? `opening ${starts}` : '', waits].filter(Boolean).join(', then ');
    return projection(`${what} (${num(projectedStartMs / 1000)} s) would overrun the ${num(input.budgetMs / 1000)} s budget`);
  }
  return projection(null);
}
