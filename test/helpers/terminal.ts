/** Running a command on a real terminal (a pseudo-terminal from `script`), for bugs only a TTY shows. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Single-quote one argument for the shell line `script` runs. */
export const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/** Run `command` (a shell line) with a terminal as stdin, stdout and stderr; returns what the terminal showed. */
export async function onTerminal(command: string): Promise<string> {
  const { stdout } = await run('script', ['-qfec', command, '/dev/null'], { timeout: 60_000, env: { ...process.env, COLUMNS: '160' } });
  return stdout;
}
