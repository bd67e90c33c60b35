/**
 * CPU lists in the kernel's own notation (cpuset(7) "List format", as taskset -c and
 * /proc/self/status's Cpus_allowed_list write them): "0-7", "8-11,14".
 */
import { UsageError } from './exit-codes.js';

/** The largest CPU number a list may name: far above any machine, low enough that "0-99999999" cannot exhaust memory. */
const MAX_CPU = 4095;

/** Parse a CPU list; `flag` names the option in the one-line error. Sorted, without repeats. */
export function parseCpuList(flag: string, raw: string): number[] {
  const bad = (why: string) => new UsageError(`--${flag} must be a CPU list like 0-7 or 8-11,14: ${why}, got '${raw}'`);
  const cpus = new Set<number>();
  if (raw.trim() === '') throw bad('it is empty');
  for (const part of raw.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match) throw bad(`'${part.trim()}' is not a CPU number or a range`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw bad(`the range ${first}-${last} runs backwards`);
    if (last > MAX_CPU) throw bad(`CPU ${last} is above ${MAX_CPU}`);
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** The list in the same notation, runs folded into ranges: [0,1,2,3,6] → "0-3,6". */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(',');
}
