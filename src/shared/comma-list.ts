import { UsageError } from './exit-codes.js';

/** A flag's comma-separated list ("a, b,c"): its items trimmed, empty ones dropped, so a stray comma is harmless. */
export function commaList(raw: string): string[] {
  return raw.split(',').map((item) => item.trim()).filter(Boolean);
}

/** A flag's list that must name something: "--models ," would otherwise run nothing and say nothing. */
export function namedList(flag: string, raw: string, what: string): string[] {
  const items = commaList(raw);
  if (items.length === 0) throw new UsageError(`${flag} names no ${what} ('${raw}')`);
  return items;
}
