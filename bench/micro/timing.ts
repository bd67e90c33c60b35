/** Ways of turning one task call into a tinybench sample when the default timer bracket does not fit. */
import type { FnReturnedObject } from 'tinybench';

/**
 * Time `calls` calls of a sub-µs operation as one sample (the mean per call): reading the timer
 * around each call would cost more than the call. Every op measured here has a side effect or is a
 * native call, so the JIT cannot drop it.
 */
export function batched(calls: number, op: () => unknown): () => FnReturnedObject {
  return () => {
    const start = performance.now();
    for (let i = 0; i < calls; i++) op();
    const elapsed = performance.now() - start;
    return { overriddenDuration: elapsed / calls, overriddenIterationCost: elapsed };
  };
}

/**
 * `count` round trips started at once and awaited together; the sample is the elapsed time per
 * message, so 1 / sample is the hop's throughput when it is kept busy (as under 64 connections).
 */
export function inFlight(count: number, roundTrip: (slot: number) => Promise<unknown>): () => Promise<FnReturnedObject> {
  const slots = Array.from({ length: count }, (_, slot) => slot);
  return async () => {
    const start = performance.now();
    await Promise.all(slots.map(roundTrip));
    const elapsed = performance.now() - start;
    return { overriddenDuration: elapsed / count, overriddenIterationCost: elapsed };
  };
}

/** Reject if `promise` has not settled after `ms`: a lost echo must fail the task, not hang the run. */
export function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

