/**
 * Proportional set size (PSS) from /proc/<pid>/smaps_rollup: a process's resident pages with each
 * shared page divided among the processes that map it. Summed over a process tree it counts every
 * page once, where summed RSS counts a page shared by a forked parent and its children once per process.
 * The kernel walks the page tables to answer, so a read costs more than ten times a /proc/<pid>/stat read
 * (`npm run bench:micro -- --filter sampler`): the sampler reads it less often than stat.
 */
import { readProcText } from './proc-file.js';

/** The `Pss:` line of an smaps_rollup text in bytes (the kernel's "kB" are KiB), or undefined if there is none. */
export function parsePssBytes(smapsRollup: string): number | undefined {
  const match = /^Pss:\s+(\d+) kB$/m.exec(smapsRollup);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** A process's PSS in bytes, or undefined once it is gone (a zombie's smaps_rollup is empty). */
export function readPssBytes(pid: number): number | undefined {
  const text = readProcText(`/proc/${pid}/smaps_rollup`);
  return text === undefined ? undefined : parsePssBytes(text);
}
