/**
 * Parsing a command line with node:util parseArgs, strictly. Every bad input becomes one usage error
 * in our own words that names the flag (parseArgs's own text runs to several sentences and speaks of
 * ambiguity where a user simply typed a negative number).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { UsageError } from './exit-codes.js';
import { toError } from './to-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<const O extends Options, const P extends boolean = false>(argv: readonly string[], options: O, allowPositionals?: P) {
  try {
    return parseArgs({ args: negativeValuesAttached(argv, options), options, strict: true, allowPositionals: (allowPositionals ?? false) as P });
  } catch (error) {
    throw new UsageError(explain(toError(error), options));
  }
}

/**
 * `--duration -1` is a value that happens to be negative, not a missing value: hand it to the flag
 * (`--duration=-1`) so the flag's own range check answers "must be … from 0.05 to 3600, got '-1'".
 */
function negativeValuesAttached(argv: readonly string[], options: Options): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = optionName(argv[i]!, options);
    const next = argv[i + 1];
    if (name !== undefined && options[name]!.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      args.push(`--${name}=${next}`);
      i++;
    } else args.push(argv[i]!);
  }
  return args;
}

/** The long name of a flag token (`--port`, `-p`), or undefined when it is not exactly one of ours. */
function optionName(token: string, options: Options): string | undefined {
  if (token.startsWith('--')) return Object.hasOwn(options, token.slice(2)) ? token.slice(2) : undefined;
  if (/^-[^-]$/.test(token)) return Object.keys(options).find((name) => options[name]!.short === token.slice(1));
  return undefined;
}

function explain(error: Error & { code?: string }, options: Options): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const flag = quoted.split(/[ ,]/)[0]!; // "'-d, --duration <value>'" names the short form first
  const name = optionName(flag, options) ?? flag.replace(/^-+/, '');
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted}'${suggestion(quoted, options)}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return `--${name} takes no value`;
      if (/ambiguous/.test(error.message)) return `--${name} needs a value (to give one that starts with '-', write --${name}=VALUE)`;
      return `--${name} needs a value`;
    default:
      return error.message.split('\n')[0]!.split('. ')[0]!;
  }
}

/** " (did you mean --port?)" for a near miss such as --prot; nothing when no flag is close. */
function suggestion(token: string, options: Options): string {
  const typed = token.replace(/^-+/, '').split('=')[0]!;
  const names = Object.keys(options);
  if (typed === '' || names.length === 0) return '';
  const best = closest(typed, names);
  return distance(typed, best) <= Math.max(2, Math.floor(typed.length / 3)) ? ` (did you mean --${best}?)` : '';
}
