/** Running the compiled CLIs (serve, client) as a user would, bounded in time. */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { SERVE_SCRIPT } from '../../src/harness/server/server-process.js';

export { SERVE_SCRIPT };
export const CLIENT_SCRIPT = join(dirname(SERVE_SCRIPT), 'client.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `node script ...args` (this Node unless `nodePath`), feeding `input` on stdin; SIGKILL it if it outlives `timeoutMs`. */
export function runNode(
  script: string,
  args: readonly string[],
  { input = '', timeoutMs = 15_000, prefix = [] as string[], nodePath = process.execPath as string | undefined } = {},
): Promise<CliResult> {
  const [command, ...rest] = [...prefix, nodePath ?? process.execPath, script, ...args];
  const child = spawn(command!, rest, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdin.on('error', () => {}); // a CLI that exits before reading its input is not our failure
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

/** A failing CLI's stderr must be one line naming the program, with no stack trace. */
export function isOneCleanLine(stderr: string, program: string): boolean {
  const lines = stderr.split('\n');
  return lines.length === 2 && lines[1] === '' && lines[0]!.startsWith(`${program}: `) && !/\n\s+at /.test(stderr);
}
