/**
 * The server's use per interval of a point's time series, from the sampler's reads on the shared clock:
 * CPU from the tree's cumulative CPU time, interpolated at the interval's boundaries (the sampler reads
 * on those boundaries, so this is close to exact, and a boundary with no read near it has no CPU);
 * RSS and PSS as read within the interval. A figure
 * with no read to stand on is null, never 0.
 */
import { CLOCK_TICKS } from '../proc/proc.js';

/** One read of the tree, on the shared clock. */
export interface UsageRead {
  atMs: number;
  /** CPU time of the whole tree so far, clock ticks (user + system). */
  ticks: number;
  rssBytes: number;
  pssBytes: number | null;
}

export interface IntervalUsage {
  cpuPercent: (number | null)[];
  /** One /proc tick over a whole interval, in % of one core: an interval's CPU is known to this step (a 0 means less than one tick). */
  cpuResolutionPercent: number;
  rssMiB: (number | null)[];
  pssMiB: (number | null)[];
}

const MIB = 1024 * 1024;
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Intervals [originMs + k·intervalMs, …) for k < count, the last ending at `endMs`. Before the first
 * read the tree's CPU time is taken as the first read's (the sampler reads at the origin); past the
 * last read it is unknown.
 */
export function usagePerInterval(reads: readonly UsageRead[], originMs: number, intervalMs: number, count: number, endMs: number): IntervalUsage {
  const usage: IntervalUsage = { cpuPercent: [], cpuResolutionPercent: round1(100 / CLOCK_TICKS / (intervalMs / 1000)), rssMiB: [], pssMiB: [] };
  for (let k = 0; k < count; k++) {
    const from = originMs + k * intervalMs;
    const to = Math.min(from + intervalMs, Math.max(endMs, from));
    const start = ticksAt(reads, from, intervalMs);
    const end = ticksAt(reads, to, intervalMs);
    // A sliver at the end (the windows end a little after a boundary) is too short to say how busy the server was.
    const sliver = to - from < intervalMs / 4;
    usage.cpuPercent.push(start === null || end === null || sliver ? null : round1(Math.max(0, (100 * (end - start)) / CLOCK_TICKS / ((to - from) / 1000))));
    const within = reads.filter((read) => read.atMs >= from && read.atMs < from + intervalMs);
    const highest = (bytes: (read: UsageRead) => number | null) => {
      const known = within.map(bytes).filter((b): b is number => b !== null);
      return known.length === 0 ? null : round1(Math.max(...known) / MIB);
    };
    usage.rssMiB.push(highest((read) => read.rssBytes));
    usage.pssMiB.push(highest((read) => read.pssBytes));
  }
  return usage;
}

/**
 * The tree's CPU time at `atMs`, linear between the reads around it; null past the last read, and
 * where those reads are more than an interval and a half apart (a harness too busy to read on time):
 * a straight line across such a gap would be a guess, not a measurement.
 */
function ticksAt(reads: readonly UsageRead[], atMs: number, intervalMs: number): number | null {
  if (reads.length === 0 || atMs > reads.at(-1)!.atMs) return null;
  if (atMs <= reads[0]!.atMs) return reads[0]!.ticks;
  const after = reads.findIndex((read) => read.atMs >= atMs);
  const a = reads[after - 1]!;
  const b = reads[after]!;
  if (b.atMs === atMs) return b.ticks;
  if (b.atMs - a.atMs > 1.5 * intervalMs) return null;
  return a.ticks + ((b.ticks - a.ticks) * (atMs - a.atMs)) / (b.atMs - a.atMs);
}
