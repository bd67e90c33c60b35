/**
 * hsha's sync half: a fixed piscina pool whose task is a few chunks' service (hsha-task.ts). hsha
 * hands a task only to a free thread, so piscina's own queue stays empty: the queue is hsha's.
 */
import { Piscina } from 'piscina';
import type { Logger } from '../shared/log.js';
import { toError } from '../shared/to-error.js';
import type { Job } from './hsha-connection.js';
import type { EchoBatch } from './hsha-task.js';

const TASK_SCRIPT = new URL('./hsha-task.js', import.meta.url).href;

export type EchoPool = Piscina<EchoBatch, Uint8Array[]>;

/** A pool of `threads` threads, each with the task loaded, before the server accepts. */
export async function startPool(threads: number, crashToken: string | undefined, log: Logger): Promise<EchoPool> {
  const pool: EchoPool = new Piscina({
    filename: TASK_SCRIPT,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    // One task per thread at a time: a thread that dies takes only the task it was running.
    concurrentTasksPerWorker: 1,
    maxQueue: Number.POSITIVE_INFINITY,
    workerData: { crashToken },
  });
  // A thread that fails after start-up (out of file descriptors, say) must not take the server down.
  pool.on('error', (error: Error) => log.error(`pool thread failed: ${error.message}`));
  // One empty task each: piscina does not replace a thread that fails while starting, so a flood
  // must not meet half-started threads.
  await Promise.all(Array.from({ length: threads }, () => pool.run({ chunks: [], iterations: [] })));
  return pool;
}

/**
 * Serve `jobs` as one task and settle each. A job alone is moved to the thread; jobs that share a
 * task are copied, so that if its thread dies each can be retried alone: only the chunk that kills
 * a thread twice then fails its connection, and its neighbours are served as if nothing happened.
 */
export async function serveOnPool(pool: EchoPool, jobs: readonly Job[]): Promise<void> {
  if (jobs.length === 1) return serveAlone(pool, jobs[0]!);
  try {
    const replies = await pool.run({ chunks: jobs.map((job) => job.data), iterations: jobs.map((job) => job.iterations) });
    jobs.forEach((job, i) => job.done(replies[i]!));
  } catch {
    await Promise.all(jobs.map((job) => serveAlone(pool, job)));
  }
}

async function serveAlone(pool: EchoPool, job: Job): Promise<void> {
  try {
    const [reply] = await pool.run({ chunks: [job.data], iterations: [job.iterations] }, { transferList: [job.data.buffer] });
    job.done(reply!);
  } catch (error) {
    job.failed(toError(error));
  }
}
