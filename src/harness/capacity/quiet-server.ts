/**
 * After a search (each step first waits for the last one's answers on the kept connections:
 * generator.ts retarget): its connections are closed; wait until the server's own stats show no
 * connection served or waiting (or a limit passes), then a short pause, so the next point starts on
 * a quiet server.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ModelStats } from '../../models/model.js';

const POLL_MS = 25;
const PAUSE_MS = 50;
/** An external target cannot be asked: a fixed pause instead. */
const BLIND_PAUSE_MS = 500;

export async function untilServerQuiet(stats: (() => Promise<ModelStats>) | undefined, limitMs = 5_000): Promise<void> {
  if (!stats) return void (await delay(BLIND_PAUSE_MS));
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const now = await stats().catch(() => undefined);
    if (!now || ((now.connections ?? 0) === 0 && (now.waiting ?? 0) === 0)) break;
    await delay(POLL_MS);
  }
  await delay(PAUSE_MS);
}
