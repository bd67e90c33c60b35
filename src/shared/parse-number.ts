import { UsageError } from './exit-codes.js';

/**
 * Parse a flag's value as a number in [min, max]; whole numbers only unless `fractional`.
 * `positional`: the value is an argument, not a flag (client's `<port>`), and is named without `--`.
 */
export function parseNumber(
  flag: string,
  raw: string,
  { min, max, fractional = false, positional = false }: { min: number; max: number; fractional?: boolean; positional?: boolean },
): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const kind = fractional ? 'a number' : 'a whole number';
  if (!Number.isFinite(value) || (!fractional && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`${positional ? '' : '--'}${flag} must be ${kind} from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}
