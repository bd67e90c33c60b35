/**
 * Number formatting shared by tables, narrative, charts and compare: one way to print each unit, and
 * one way to print a figure that was not measured (null): a dash, never a 0.
 */

/** What stands in for a figure that was not measured. */
export const ABSENT = '—';

/** `show(value)`, or the dash for a figure that was not measured. */
export function orAbsent<T>(value: T | null | undefined, show: (value: T) => string): string {
  return value === null || value === undefined ? ABSENT : show(value);
}

const sig3 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant digits, with thousands separators: 12,300. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return Math.abs(value) >= 1000 ? grouped.format(Number(value.toPrecision(3))) : sig3.format(value);
}

/** A figure of repeated measurements: its median, then the range of its repeats where there was more than one: 15,400 [3,000–25,000]. */
export function withRange(estimate: { median: number; range: readonly [number, number]; runs: readonly number[] }): string {
  if (estimate.runs.length < 2) return num(estimate.median);
  return `${num(estimate.median)} [${num(estimate.range[0])}–${num(estimate.range[1])}]`;
}

/** Items as a sentence lists them: "a", "a and b", "a, b and c"; "" for none. */
export function andList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/** A count, exact (a count rounded to three digits would no longer add up): 12,345. */
export function count(value: number): string {
  return Number.isFinite(value) ? grouped.format(value) : 'n/a';
}

/** Microseconds in the unit a reader expects: 85 µs, 1.25 ms, 2.1 s; null (no answer to time): the dash. */
export function latency(us: number | null): string {
  if (us === null) return ABSENT;
  if (!Number.isFinite(us)) return 'n/a';
  if (us < 1000) return `${num(us)} µs`;
  if (us < 1e6) return `${num(us / 1000)} ms`;
  return `${num(us / 1e6)} s`;
}

export const MIB = 1024 * 1024;

export function mebibytes(bytes: number | null): string {
  return orAbsent(bytes, (b) => `${num(b / MIB)} MiB`);
}

/** Bytes per second as MB/s (10^6, like network tools). */
export function megabytesPerSec(bytesPerSec: number): string {
  return `${num(bytesPerSec / 1e6)} MB/s`;
}

export function percent(value: number | null): string {
  return orAbsent(value, (v) => `${num(v)} %`);
}

/** The server tree's CPU: "< 3.3 %" where fewer ticks were counted than one /proc tick over the span shows (a short step at a low rate), not "0 %". */
export function serverCpu(server: { cpuPercent: number; cpuResolutionPercent?: number } | null | undefined): string {
  if (!server) return percent(null);
  const { cpuPercent, cpuResolutionPercent } = server;
  return cpuResolutionPercent !== undefined && cpuPercent < cpuResolutionPercent ? `< ${percent(cpuResolutionPercent)}` : percent(cpuPercent);
}

/** A ratio as "2.3×". */
export function times(ratio: number): string {
  return `${num(ratio)}×`;
}
