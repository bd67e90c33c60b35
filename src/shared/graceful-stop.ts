/** Graceful stop, shared by every model: wait for live units to finish, force the rest after the grace period. */
import { setTimeout as delay } from 'node:timers/promises';

export interface LiveUnit {
  /** Settles when the unit (a connection, a child, a worker) is gone. */
  readonly gone: Promise<unknown>;
  /** End it now. */
  kill(): void;
}

/** Resolves once every unit is gone; units still alive after `graceMs` are killed. */
export async function stopGracefully(units: Iterable<LiveUnit>, graceMs: number): Promise<void> {
  const list = [...units];
  const allGone = Promise.allSettled(list.map((unit) => unit.gone));
  const timer = new AbortController();
  const inTime = await Promise.race([
    allGone.then(() => true),
    delay(graceMs, false, { signal: timer.signal }).catch(() => false),
  ]);
  timer.abort();
  if (!inTime) for (const unit of list) unit.kill();
  await allGone;
}

/** A socket as a LiveUnit. */
export function socketUnit(socket: { destroyed: boolean; once(event: 'close', cb: () => void): unknown; destroy(): void }): LiveUnit {
  return {
    gone: socket.destroyed ? Promise.resolve() : new Promise<void>((resolve) => socket.once('close', resolve)),
    kill: () => socket.destroy(),
  };
}
