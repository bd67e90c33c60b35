/**
 * The open-file limit, and how many client connections a process may hold under it. Past the
 * limit libuv quietly accepts and closes new connections, and children and threads fail to start;
 * holding connections below it instead lets Node drop the excess with a 'drop' event we can log,
 * and leaves descriptors for the rest (children's IPC channels, threads' event loops, log files).
 */
import { readFileSync } from 'node:fs';

/** Descriptors a worker thread costs its process (its event loop's epoll and wake-up fds). */
export const FDS_PER_THREAD = 4;
/** Descriptors a forked child costs its parent (the IPC channel). */
export const FDS_PER_CHILD = 1;
/** Kept free for everything else: at least this many, or an eighth of the limit. */
const HEADROOM = 64;
/** Fewer connections than this would make the server useless; below it we warn instead. */
export const MIN_CONNECTIONS = 16;

/** The soft RLIMIT_NOFILE of this process (Linux /proc), or undefined if unknown or unlimited. */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Client connections that fit under `fileLimit` beside `reservedFds` the model needs at its cap. */
export function connectionLimit(fileLimit: number, reservedFds: number): number {
  return fileLimit - Math.max(HEADROOM, Math.floor(fileLimit / 8)) - reservedFds;
}
