/** Peak use of a server's process tree while a test runs (sampled from /proc every 50 ms). */
import { treeUsage, type TreeUsage } from '../../src/harness/proc/proc.js';

export interface Peaks {
  readonly baseline: TreeUsage;
  rssBytes: number;
  processes: number;
  threads: number;
  stop(): void;
}

export function samplePeaks(pid: number, everyMs = 50): Peaks {
  const baseline = treeUsage(pid);
  const peaks: Peaks = { baseline, rssBytes: baseline.rssBytes, processes: baseline.processes, threads: baseline.threads, stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    const now = treeUsage(pid);
    if (now.processes === 0) return; // exited: nothing to measure
    peaks.rssBytes = Math.max(peaks.rssBytes, now.rssBytes);
    peaks.processes = Math.max(peaks.processes, now.processes);
    peaks.threads = Math.max(peaks.threads, now.threads);
  }, everyMs);
  return peaks;
}

export const MiB = 1 << 20;

export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}
