/** hsha's batching, in process: how a turn's chunks are split into pool tasks, and a failed shared task's retry. */
import type { Piscina } from 'piscina';
import { describe, expect, it, vi } from 'vitest';
import { Batcher, splitBatch } from '../../src/models/hsha-batch.js';
import type { EchoBatch } from '../../src/models/hsha-task.js';
import type { PendingReply } from '../../src/shared/relay.js';

const chunks = (...iterations: number[]) => iterations.map((work, id) => ({ id, iterations: work }));
const ids = (tasks: { id: number }[][]) => tasks.map((task) => task.map((chunk) => chunk.id));

describe('splitBatch', () => {
  it('spreads a batch over the threads, at most batch/threads chunks a task, in order', () => {
    expect(ids(splitBatch(chunks(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 4, 0))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(ids(splitBatch(chunks(0, 0, 0), 8, 0))).toEqual([[0], [1], [2]]);
    expect(ids(splitBatch(chunks(0), 4, 0))).toEqual([[0]]);
    expect(splitBatch([], 4, 0)).toEqual([]);
  });

  it('closes a task before it would carry more than maxTaskWork iterations', () => {
    expect(ids(splitBatch(chunks(100, 100, 100, 100, 100), 1, 250))).toEqual([[0, 1], [2, 3], [4]]);
    expect(ids(splitBatch(chunks(100, 150, 1), 1, 250))).toEqual([[0, 1], [2]]);
  });

  it('gives a chunk that owes more than maxTaskWork a task of its own, never none', () => {
    expect(ids(splitBatch(chunks(1000, 10), 1, 250))).toEqual([[0], [1]]);
    expect(ids(splitBatch(chunks(10, 1000, 10), 1, 250))).toEqual([[0], [1], [2]]);
  });
});

describe('Batcher', () => {
  /** A pool whose threads echo, except that any task holding `poison` fails. */
  function fakePool(poison: string) {
    const tasks: string[][] = [];
    const run = vi.fn(async ({ chunks }: EchoBatch) => {
      const texts = chunks.map((chunk) => Buffer.from(chunk).toString());
      tasks.push(texts);
      if (texts.includes(poison)) throw new Error('thread died');
      return chunks;
    });
    return { pool: { run } as unknown as Piscina<EchoBatch, Uint8Array[]>, tasks };
  }

  function reply(results: Record<string, string>, key: string): PendingReply {
    return {
      resolve: (bytes) => (results[key] = Buffer.from(bytes).toString()),
      reject: (error) => (results[key] = `failed: ${error.message}`),
    };
  }

  it("sends a turn's chunks as one task per thread; a failed shared task is retried chunk by chunk, and only the bad chunk fails", async () => {
    const { pool, tasks } = fakePool('bad');
    const onTaskDone = vi.fn();
    const batcher = new Batcher(pool, { threads: 2, maxTaskWork: 0, onTaskDone });
    const results: Record<string, string> = {};
    for (const text of ['a', 'bad', 'c', 'd']) batcher.run(new Uint8Array(Buffer.from(text)), 0, reply(results, text));
    await vi.waitFor(() => expect(Object.keys(results)).toHaveLength(4));
    expect(results).toEqual({ a: 'a', bad: 'failed: thread died', c: 'c', d: 'd' });
    expect(tasks).toEqual([['a', 'bad'], ['c', 'd'], ['a'], ['bad']]);
    expect(onTaskDone).toHaveBeenCalledTimes(tasks.length);
  });
});
