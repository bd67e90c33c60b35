/**
 * Reading a small /proc file as the sampler does many times a second. readFileSync asks for the file's
 * size first (0 for /proc files) and reads in growing chunks: open, read and close into one reused
 * buffer cost less than half as much per file (measured here on /proc/<pid>/stat).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

const buffer = Buffer.allocUnsafe(16 * 1024);

/** The file's text (latin1), or undefined if it cannot be read (its process is gone, or it is not ours). */
export function readProcText(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    // A file larger than the buffer (none the sampler reads) is read whole the slow way.
    return length < buffer.length ? buffer.toString('latin1', 0, length) : readFileSync(path, 'latin1');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
