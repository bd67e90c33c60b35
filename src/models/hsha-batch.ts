/**
 * Batching for hsha (--max-batch): a free pool thread takes several queued chunks as one task,
 * since handing a task to a thread costs more than echoing a small chunk. It takes its share of
 * the queue (the queue over the free threads), at most `maxBatch` chunks, and at most
 * `maxTaskWork` hash rounds (one chunk at least, however much it owes), so CPU-bound chunks still
 * spread over every thread instead of queueing behind one long task. With maxBatch 1 every chunk
 * is a task of its own. At light load the queue holds one chunk when a thread is free: nothing waits
 * to fill a batch.
 */

export interface BatchLimits {
  /** Chunks one task takes at most (1: no batching). */
  maxBatch: number;
  /** Hash rounds one task carries at most, if it holds more than one chunk (Infinity: no limit). */
  maxTaskWork: number;
}

/** Take the next task's chunks off the head of `queue` (not empty), in order. */
export function takeTask<T extends { iterations: number }>(queue: T[], freeThreads: number, { maxBatch, maxTaskWork }: BatchLimits): T[] {
  const share = Math.min(maxBatch, Math.ceil(queue.length / freeThreads));
  let count = 1;
  let work = queue[0]!.iterations;
  while (count < share && work + queue[count]!.iterations <= maxTaskWork) work += queue[count++]!.iterations;
  return queue.splice(0, count);
}
