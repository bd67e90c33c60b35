/**
 * When to start measuring: once every connection has been answered, or the rest have provably been
 * made to wait. "Provably" comes from the server itself: the connections its model holds in a
 * waiting queue (sequential; fork and worker past their caps). A server still starting children or
 * threads has no waiting queue for them, so it is waited for. For an external target, which cannot
 * be asked, a connection counts as made to wait once no new connection has been answered for a
 * settling period.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { GeneratorPool } from './generator-pool.js';
import type { ModelStats } from '../../models/model.js';

/** Longest a warm-up may take: 64 fork children or threads starting on one core take seconds. */
const WARM_UP_LIMIT_MS = 30_000;
const POLL_MS = 50;

export interface WarmUpResult {
  /** False when the limit passed first: the row then measures a server still warming up. */
  settled: boolean;
  elapsedMs: number;
  /** When it did not settle: how many live connections had been answered by then (a stalled server and a slow start differ). */
  answered?: number;
  live?: number;
}

/**
 * A primed closed loop (spec.primed): first every connection answered once (or provably waiting) with no
 * load on, so a process or thread per connection starts without the others' load; then the load runs
 * for at least `minimumMs` before measuring.
 */
export async function warmUpPrimed(pool: GeneratorPool, minimumMs: number, serverStats?: () => Promise<ModelStats>): Promise<WarmUpResult> {
  const primed = await warmUp(pool, 0, serverStats);
  if (!primed.settled) return primed;
  for (let i = 0; i < pool.size; i++) pool.send(i, { type: 'go' });
  const loaded = await warmUp(pool, minimumMs, serverStats);
  return { ...loaded, elapsedMs: primed.elapsedMs + loaded.elapsedMs };
}

/** `limitMs`: when to give up (tests shorten it). */
export async function warmUp(
  pool: GeneratorPool,
  minimumMs: number,
  serverStats?: () => Promise<ModelStats>,
  limitMs = WARM_UP_LIMIT_MS,
): Promise<WarmUpResult> {
  const start = Date.now();
  const settleMs = Math.max(minimumMs, 1000);
  let answeredBefore = -1;
  let lastNewAnswer = start;
  for (;;) {
    await delay(POLL_MS);
    const now = Date.now();
    for (let i = 0; i < pool.size; i++) pool.send(i, { type: 'progress' });
    const progress = await pool.collect('progress', 10_000);
    const live = progress.reduce((sum, p) => sum + p.live, 0);
    const answered = progress.reduce((sum, p) => sum + p.answered, 0);
    if (answered !== answeredBefore) {
      answeredBefore = answered;
      lastNewAnswer = now;
    }
    if (now - start >= minimumMs) {
      if (answered >= live) return { settled: true, elapsedMs: now - start };
      if (serverStats) {
        const waiting = (await serverStats().catch(() => ({}) as ModelStats)).waiting ?? 0;
        if (answered + waiting >= live) return { settled: true, elapsedMs: now - start };
      } else if (now - lastNewAnswer >= settleMs) return { settled: true, elapsedMs: now - start };
    }
    if (now - start >= limitMs) return { settled: false, elapsedMs: now - start, answered, live };
  }
}
