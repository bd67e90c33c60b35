/** `npm run bench:micro` options. A bad option is a UsageError: one line on stderr, exit code 2. */
import { parseCommandLine } from '../../src/shared/command-line.js';
import { UsageError } from '../../src/shared/exit-codes.js';
import { parseNumber } from '../../src/shared/parse-number.js';

export const USAGE = `usage: npm run bench:micro -- [--filter <substring>] [--time <ms>] [--json]
  --filter S   only benchmarks whose "group / task" name contains S (case-insensitive)
  --time MS    time budget per benchmark in ms (default 1000; warm-up is a quarter of it, at most 250)
  --json       print only the results JSON on stdout (no table, no progress)`;

export interface MicroOptions {
  filter: string | undefined;
  timeMs: number;
  json: boolean;
}

export type ParsedMicro = { help: true } | { help: false; options: MicroOptions };

export function parseMicroArgs(argv: readonly string[]): ParsedMicro {
  const { values } = parseCommandLine(argv, {
    filter: { type: 'string' },
    time: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { help: true };
  if (values.filter !== undefined && values.filter.trim() === '') throw new UsageError('--filter must not be empty');
  const timeMs = values.time === undefined ? 1000 : parseNumber('time', values.time, { min: 10, max: 60_000 });
  return { help: false, options: { filter: values.filter?.toLowerCase(), timeMs, json: values.json ?? false } };
}
