/** Number formatting shared by tables, narrative, charts and compare: one way to print each unit. */

const sig3 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant digits, with thousands separators: 12,300. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return Math.abs(value) >= 1000 ? grouped.format(Number(value.toPrecision(3))) : sig3.format(value);
}

/** A count, exact (a count rounded to three digits would no longer add up): 12,345. */
export function count(value: number): string {
  return Number.isFinite(value) ? grouped.format(value) : 'n/a';
}

/** Microseconds in the unit a reader expects: 85 µs, 1.25 ms, 2.1 s. */
export function latency(us: number): string {
  if (!Number.isFinite(us)) return 'n/a';
  if (us < 1000) return `${num(us)} µs`;
  if (us < 1e6) return `${num(us / 1000)} ms`;
  return `${num(us / 1e6)} s`;
}

export const MIB = 1024 * 1024;

export function mebibytes(bytes: number): string {
  return `${num(bytes / MIB)} MiB`;
}

/** Bytes per second as MB/s (10^6, like network tools). */
export function megabytesPerSec(bytesPerSec: number): string {
  return `${num(bytesPerSec / 1e6)} MB/s`;
}

export function percent(value: number): string {
  return `${num(value)} %`;
}

/** A ratio as "2.3×". */
export function times(ratio: number): string {
  return `${num(ratio)}×`;
}
