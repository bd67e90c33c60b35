/**
 * The machine's memory as the kernel reports it (Linux /proc): what is available before a step of the
 * connections scenario, and the kernel's TCP buffer memory, which belongs to no process (machine-wide).
 */
import { readProcText } from '../proc/proc-file.js';

/** Kernel pages: sockstat counts its TCP memory in them. */
const PAGE_SIZE = 4096;

/** MemAvailable of a /proc/meminfo text in bytes (the kernel's "kB" are KiB), or undefined. */
function parseMemAvailable(meminfo: string): number | undefined {
  const match = /^MemAvailable:\s+(\d+) kB$/m.exec(meminfo);
  return match ? Number(match[1]) * 1024 : undefined;
}

export function memAvailableBytes(): number | undefined {
  const text = readProcText('/proc/meminfo');
  return text === undefined ? undefined : parseMemAvailable(text);
}

export interface KernelTcp {
  /** TCP sockets in use, machine-wide. */
  sockets: number;
  /** The kernel's TCP buffer memory, machine-wide, bytes. */
  bytes: number;
}

/** The `TCP:` line of a /proc/net/sockstat text ("TCP: inuse 5 orphan 0 tw 0 alloc 7 mem 3"), or undefined. */
function parseSockstat(sockstat: string): KernelTcp | undefined {
  const match = /^TCP: inuse (\d+) .*\bmem (\d+)$/m.exec(sockstat);
  return match ? { sockets: Number(match[1]), bytes: Number(match[2]) * PAGE_SIZE } : undefined;
}

export function kernelTcp(): KernelTcp | undefined {
  const text = readProcText('/proc/net/sockstat');
  return text === undefined ? undefined : parseSockstat(text);
}
