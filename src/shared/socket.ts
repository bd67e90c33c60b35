/** Per-connection socket set-up shared by every model (including sockets received by a child). */
import type { Socket } from 'node:net';
import type { Logger } from './log.js';

export interface SocketSetup {
  idleTimeoutMs: number;
  log: Logger;
}

export function peerName(socket: Socket): string {
  return `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
}

/** Nagle off, optional idle timeout, and socket errors logged instead of thrown. */
export function prepareSocket(socket: Socket, { idleTimeoutMs, log }: SocketSetup): void {
  socket.setNoDelay(true);
  // A socket handed over from another process starts half-open-unaware; echo needs half-open.
  socket.allowHalfOpen = true;
  if (idleTimeoutMs > 0) {
    socket.setTimeout(idleTimeoutMs, () => {
      log.info(`closing idle connection ${peerName(socket)} after ${idleTimeoutMs / 1000}s`);
      socket.destroy();
    });
  }
  // Resets and the like end only this connection; 'close' follows.
  socket.on('error', (error: NodeJS.ErrnoException) => log.debug(`connection ${peerName(socket)}: ${error.code ?? error.message}`));
}
