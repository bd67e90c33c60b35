/**
 * Batching for hsha: the chunks read in one event-loop turn travel to the pool
 * together, split into at most one task per thread. Handing a task to a thread costs far more than
 * echoing 64 bytes, so under load the hop is paid once per batch rather than once per chunk; at
 * light load a batch is a single chunk and nothing waits. A task carries at most `maxTaskWork`
 * iterations of simulated work (one chunk at least), so CPU-bound chunks still spread over every
 * thread instead of queueing behind one long task. A chunk alone in its task is moved to the thread;
 * chunks that share one are copied (see runBatch). Replies are always moved back.
 */
import type { Piscina } from 'piscina';
import type { PendingReply } from '../shared/relay.js';
import { toError } from '../shared/to-error.js';
import type { EchoBatch } from './hsha-task.js';

interface Pending {
  data: Uint8Array<ArrayBuffer>;
  iterations: number;
  reply: PendingReply;
}

export interface BatcherOptions {
  threads: number;
  /** Iterations of simulated work one task may carry (0: no work, no limit). */
  maxTaskWork: number;
  /** A task settled, so the pool's queue is shorter: connections held back may read again. */
  onTaskDone(): void;
}

export class Batcher {
  private pending: Pending[] = [];
  private readonly flush = () => this.runBatch();

  constructor(
    private readonly pool: Piscina<EchoBatch, Uint8Array[]>,
    private readonly options: BatcherOptions,
  ) {}

  /** Serve one chunk (its work on a pool thread, then the same bytes back) and fill `reply` with the result. */
  run(data: Uint8Array<ArrayBuffer>, iterations: number, reply: PendingReply): void {
    if (this.pending.push({ data, iterations, reply }) === 1) setImmediate(this.flush);
  }

  private runBatch(): void {
    const batch = this.pending;
    this.pending = [];
    for (const part of splitBatch(batch, this.options.threads, this.options.maxTaskWork)) {
      if (part.length === 1) {
        this.runAlone(part[0]!);
        continue;
      }
      // Several connections share this task: send copies, so that if its thread dies the bytes are
      // still here and each chunk can be retried alone. Only the chunk that kills a thread twice
      // then costs its own connection; its neighbours are served as if nothing happened.
      this.pool.run({ chunks: part.map((p) => p.data), iterations: part.map((p) => p.iterations) }).then(
        (replies) => {
          part.forEach((p, i) => p.reply.resolve(replies[i]!));
          this.options.onTaskDone();
        },
        () => {
          part.forEach((p) => this.runAlone(p));
          this.options.onTaskDone();
        },
      );
    }
  }

  /** One chunk in a task of its own, moved (a failure can only concern its own connection). */
  private runAlone({ data, iterations, reply }: Pending): void {
    this.pool.run({ chunks: [data], iterations: [iterations] }, { transferList: [data.buffer] }).then(
      ([echoed]) => {
        reply.resolve(echoed!);
        this.options.onTaskDone();
      },
      (error: unknown) => {
        reply.reject(toError(error));
        this.options.onTaskDone();
      },
    );
  }
}

/**
 * A batch in tasks of at most batch/threads chunks each, in order, and at most maxTaskWork
 * iterations of work (but one chunk at least, however much work it owes).
 */
export function splitBatch<T extends { iterations: number }>(batch: readonly T[], threads: number, maxTaskWork: number): T[][] {
  const perTask = Math.ceil(batch.length / threads);
  const tasks: T[][] = [];
  let task: T[] = [];
  let work = 0;
  for (const chunk of batch) {
    if (task.length > 0 && (task.length >= perTask || work + chunk.iterations > maxTaskWork)) {
      tasks.push(task);
      task = [];
      work = 0;
    }
    task.push(chunk);
    work += chunk.iterations;
  }
  if (task.length > 0) tasks.push(task);
  return tasks;
}
