/**
 * Run a CLI's main: a FatalError becomes exactly one line on stderr and its exit code (a usage
 * error adds the usage synopsis, the first line of `usage`, not the whole text); anything else
 * is an internal error.
 */
import { ExitCode, FatalError } from '../shared/exit-codes.js';

export function runMain(name: string, usage: string, main: (argv: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof FatalError) {
      const synopsis = error.showUsage ? `; ${usage.split('\n')[0]} (--help for more)` : '';
      process.stderr.write(`${name}: ${error.message}${synopsis}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(ExitCode.internal);
  });
}
