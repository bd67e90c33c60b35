/** Run a CLI's main: a FatalError becomes one line on stderr (and usage if asked) and its exit code. */
import { ExitCode, FatalError } from '../shared/exit-codes.js';

export function runMain(name: string, usage: string, main: (argv: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof FatalError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      if (error.showUsage) process.stderr.write(`${usage}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(ExitCode.internal);
  });
}
