/**
 * Batching for the piscina model: the chunks read in one event-loop turn travel to the pool
 * together, split into at most one task per thread. Handing a task to a thread costs far more than
 * echoing 64 bytes, so under load the hop is paid once per batch rather than once per chunk; at
 * light load a batch is a single chunk and nothing waits. A task carries at most `maxTaskWork`
 * iterations of simulated work (one chunk at least), so CPU-bound chunks still spread over every
 * thread instead of queueing behind one long task. A chunk alone in its task is moved to the thread;
 * chunks that share one are copied (see flush). Replies are always moved back.
 */
import type { Piscina } from 'piscina';
import type { EchoBatch } from './hsha-task.js';

interface Pending {
  data: Uint8Array<ArrayBuffer>;
  iterations: number;
  resolve(reply: Uint8Array): void;
  reject(error: Error): void;
}

export class Batcher {
  private pending: Pending[] = [];

  constructor(
    private readonly pool: Piscina<EchoBatch, Uint8Array[]>,
    private readonly threads: number,
    private readonly maxTaskWork: number,
  ) {}

  /** The reply for one chunk (the same bytes, after the work it owes has been done on a pool thread). */
  run(data: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ data, iterations, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (const part of this.split(batch)) {
      if (part.length === 1) {
        this.runAlone(part[0]!);
        continue;
      }
      // Several connections share this task: send copies, so that if its thread dies the bytes are
      // still here and each chunk can be retried alone. Only the chunk that kills a thread twice
      // then costs its own connection; its neighbours are served as if nothing happened.
      this.pool.run({ chunks: part.map((p) => p.data), iterations: part.map((p) => p.iterations) }).then(
        (replies) => part.forEach((p, i) => p.resolve(replies[i]!)),
        () => part.forEach((p) => this.runAlone(p)),
      );
    }
  }

  /** One chunk in a task of its own, moved (a failure can only concern its own connection). */
  private runAlone(chunk: Pending): void {
    this.pool
      .run({ chunks: [chunk.data], iterations: [chunk.iterations] }, { transferList: [chunk.data.buffer] })
      .then(([reply]) => chunk.resolve(reply!), chunk.reject);
  }

  /** Tasks of at most batch/threads chunks each, and at most maxTaskWork iterations (but one chunk at least). */
  private split(batch: Pending[]): Pending[][] {
    const perTask = Math.ceil(batch.length / this.threads);
    const tasks: Pending[][] = [];
    let task: Pending[] = [];
    let work = 0;
    for (const chunk of batch) {
      if (task.length > 0 && (task.length >= perTask || work + chunk.iterations > this.maxTaskWork)) {
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
}
