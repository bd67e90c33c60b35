/** hsha's batching and pool tasks, in process: how queued chunks become tasks, and a failed shared task's retry. */
import { describe, expect, it, vi } from 'vitest';
import { takeTask, type BatchLimits } from '../../src/models/hsha-batch.js';
import type { Job } from '../../src/models/hsha-connection.js';
import { serveOnPool, type EchoPool } from '../../src/models/hsha-pool.js';
import type { EchoBatch } from '../../src/models/hsha-task.js';

const chunks = (...iterations: number[]) => iterations.map((work, id) => ({ id, iterations: work }));
const noLimit: BatchLimits = { maxBatch: Number.POSITIVE_INFINITY, maxTaskWork: Number.POSITIVE_INFINITY };

/** Every task `takeTask` makes of `queue`, the threads all free each time, as chunk ids. */
function tasksOf(queue: { id: number; iterations: number }[], freeThreads: number, limits: BatchLimits): number[][] {
  const tasks: number[][] = [];
  while (queue.length > 0) tasks.push(takeTask(queue, freeThreads, limits).map((chunk) => chunk.id));
  return tasks;
}

describe('takeTask', () => {
  it("takes a free thread's share of the queue, from the head, in order", () => {
    const queue = chunks(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(takeTask(queue, 4, noLimit).map((c) => c.id)).toEqual([0, 1, 2]);
    expect(takeTask(queue, 1, noLimit).map((c) => c.id)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(queue).toEqual([]);
    expect(tasksOf(chunks(0, 0, 0), 8, noLimit)).toEqual([[0], [1], [2]]);
  });

  it('takes at most maxBatch chunks; with 1, every chunk is a task of its own', () => {
    expect(tasksOf(chunks(0, 0, 0, 0, 0), 1, { ...noLimit, maxBatch: 2 })).toEqual([[0, 1], [2, 3], [4]]);
    expect(tasksOf(chunks(0, 0, 0), 1, { ...noLimit, maxBatch: 1 })).toEqual([[0], [1], [2]]);
  });

  it('closes a task before it would carry more than maxTaskWork rounds', () => {
    expect(tasksOf(chunks(100, 100, 100, 100, 100), 1, { ...noLimit, maxTaskWork: 250 })).toEqual([[0, 1], [2, 3], [4]]);
    expect(tasksOf(chunks(100, 150, 1), 1, { ...noLimit, maxTaskWork: 250 })).toEqual([[0, 1], [2]]);
  });

  it('gives a chunk that owes more than maxTaskWork a task of its own, never none', () => {
    expect(tasksOf(chunks(1000, 10), 1, { ...noLimit, maxTaskWork: 250 })).toEqual([[0], [1]]);
    expect(tasksOf(chunks(10, 1000, 10), 1, { ...noLimit, maxTaskWork: 250 })).toEqual([[0], [1], [2]]);
  });
});

describe('serveOnPool', () => {
  /** A pool whose threads echo, except that any task holding `poison` fails. */
  function fakePool(poison: string) {
    const tasks: string[][] = [];
    const run = vi.fn(async ({ chunks }: EchoBatch) => {
      const texts = chunks.map((chunk) => Buffer.from(chunk).toString());
      tasks.push(texts);
      if (texts.includes(poison)) throw new Error('thread died');
      return chunks;
    });
    return { pool: { run } as unknown as EchoPool, tasks };
  }

  /** A job whose outcome lands in `results` under its text. */
  function job(results: Record<string, string>, text: string): Job {
    return {
      data: new Uint8Array(Buffer.from(text)),
      iterations: 0,
      done: (bytes: Uint8Array) => (results[text] = Buffer.from(bytes).toString()),
      failed: (error: Error) => (results[text] = `failed: ${error.message}`),
    } as unknown as Job;
  }

  it('a failed shared task is retried chunk by chunk, and only the bad chunk fails', async () => {
    const { pool, tasks } = fakePool('bad');
    const results: Record<string, string> = {};
    await serveOnPool(pool, ['a', 'bad', 'c'].map((text) => job(results, text)));
    expect(results).toEqual({ a: 'a', bad: 'failed: thread died', c: 'c' });
    expect(tasks).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('moves a chunk alone in its task to the thread, and copies chunks that share one', async () => {
    const { pool } = fakePool('none');
    const results: Record<string, string> = {};
    await serveOnPool(pool, [job(results, 'a')]);
    await serveOnPool(pool, [job(results, 'b'), job(results, 'c')]);
    const run = vi.mocked(pool.run);
    expect(run.mock.calls[0]![1]?.transferList).toHaveLength(1);
    expect(run.mock.calls[1]![1]).toBeUndefined();
    expect(results).toEqual({ a: 'a', b: 'b', c: 'c' });
  });
});
