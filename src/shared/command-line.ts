/** Parsing a command line with node:util parseArgs, strictly; a bad flag is a one-line usage error. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes.js';
import { toError } from './to-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<const O extends Options, const P extends boolean = false>(argv: readonly string[], options: O, allowPositionals?: P) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: (allowPositionals ?? false) as P });
  } catch (error) {
    // Node's messages run to several sentences and lines; the first sentence names the problem.
    throw new UsageError(toError(error).message.split('\n')[0]!.split('. ')[0]!);
  }
}
