/**
 * Whether the client of an accepted, never-read socket is still there, asked without starting
 * Node's reading: a socket that Node has read can no longer move to a worker thread. One
 * non-blocking read(2) of at most one byte on the descriptor itself: nothing pending (EAGAIN) means
 * the client is there and silent so far; end of stream with nothing before it, or a reset, means it
 * left; a byte means it is there, and that byte goes with the socket to be echoed first. A client
 * that sent bytes and half-closed shows its first byte, not its FIN: it still waits for the echo.
 * Where the descriptor is unknown (Windows), every client counts as there.
 */
import { readSync } from 'node:fs';
import type { Socket } from 'node:net';

export type Vetting = { left: true } | { left: false; preread: Buffer | undefined };

/** Still there, silent so far, or cannot be asked: the socket goes on as it is. */
const SILENT: Vetting = { left: false, preread: undefined };

export function vetUnread(socket: Socket): Vetting {
  if (socket.destroyed) return { left: true };
  const fd = (socket as unknown as { _handle?: { fd?: number } | null })._handle?.fd;
  if (fd === undefined || fd < 0) return SILENT;
  const byte = Buffer.alloc(1);
  try {
    // position null: read(2), not pread(2), which a socket refuses. libuv made the descriptor non-blocking.
    return readSync(fd, byte, 0, 1, null) === 0 ? { left: true } : { left: false, preread: byte };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EAGAIN' || code === 'EWOULDBLOCK' ? SILENT : { left: true };
  }
}
