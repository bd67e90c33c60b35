/** `npm run bench:micro` options. A bad option is one line on stderr and exit code 2. */
import { parseArgs } from 'node:util';
import { ExitCode, FatalError } from '../../src/shared/exit-codes.js';
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

/** A usage error as one line: the message and a pointer to --help, no usage block. */
function usageError(message: string): FatalError {
  return new FatalError(`${message} (see --help)`, ExitCode.usage);
}

export function parseMicroArgs(argv: readonly string[]): ParsedMicro {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        filter: { type: 'string' },
        time: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw usageError((error as Error).message.split('\n')[0]!.split('. ')[0]!);
  }
  if (values.help) return { help: true };
  if (values.filter !== undefined && values.filter.trim() === '') throw usageError('--filter must not be empty');
  let timeMs = 1000;
  try {
    if (values.time !== undefined) timeMs = parseNumber('time', values.time, { min: 10, max: 60_000 });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  return { help: false, options: { filter: values.filter?.toLowerCase(), timeMs, json: values.json ?? false } };
}
