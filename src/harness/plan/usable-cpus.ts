/**
 * The CPUs the harness may use: its own affinity mask, as the kernel reports it, not 0..n-1. Under
 * `taskset -c 4-7 npm run bench`, a container's cpuset or a batch scheduler's slice, CPU 0 may not be ours.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseCpuList } from '../../shared/cpu-list.js';

/** From /proc/self/status's Cpus_allowed_list (Linux); elsewhere, 0..n-1 of the CPUs Node says it may use. */
export function usableCpus(): number[] {
  try {
    const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (line) return parseCpuList('Cpus_allowed_list', line[1]!);
  } catch {
    // No /proc (not Linux): fall through.
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}
