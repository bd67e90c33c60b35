/**
 * When a supervisor (the bench harness) starts serve with an IPC channel: answer its stats requests
 * (so it can tell clients the model makes wait from clients not yet served), and stop if it goes away.
 */
import type { ModelStats } from './model.js';
import { isDaemonProcess } from '../shared/daemon.js';

export type ControlRequest = { type: 'stats' };
export type ControlReply = { type: 'stats'; stats: ModelStats };

export function serveControlChannel(stats: () => ModelStats, stop: () => void): void {
  if (!process.send || isDaemonProcess()) return;
  process.on('message', (message: ControlRequest) => {
    if (message?.type === 'stats') process.send?.({ type: 'stats', stats: stats() } satisfies ControlReply);
  });
  // The supervisor died or let go: do not linger as its orphan.
  process.on('disconnect', stop);
}

/** Until the server is up there is nothing to stop gracefully: if the supervisor dies meanwhile, just exit. Returns the undo. */
export function exitIfSupervisorLeaves(): () => void {
  if (!process.send || isDaemonProcess()) return () => {};
  const exit = () => process.exit(0);
  process.once('disconnect', exit);
  return () => process.off('disconnect', exit);
}
