/** Waiting for a condition, bounded: tests never hang and never assert on speed. */
import { setTimeout as delay } from 'node:timers/promises';

/** Resolve with the first truthy value of `check()`, polling; reject after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await delay(everyMs);
  }
}

/** Reject if `promise` has not settled within `timeoutMs`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Poll `read()` until it returns the same value `times` times running, then return it. */
export async function settled(read: () => number, everyMs = 200, times = 3, timeoutMs = 15_000): Promise<number> {
  let last = read();
  let same = 0;
  return eventually(
    'a settled value',
    () => {
      const now = read();
      same = now === last ? same + 1 : 0;
      last = now;
      return same >= times && { now };
    },
    timeoutMs,
    everyMs,
  ).then(({ now }) => now);
}
