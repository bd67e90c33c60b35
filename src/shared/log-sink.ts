/** Where log lines go: stderr, or appended to --log-file (synchronously, so nothing is lost at exit). */
import { openSync, writeSync } from 'node:fs';
import { ExitCode, FatalError } from './exit-codes.js';
import { toError } from './to-error.js';

export function logSink(logFile: string | undefined): (line: string) => void {
  if (logFile === undefined) return (line) => process.stderr.write(line);
  let fd: number;
  try {
    fd = openSync(logFile, 'a');
  } catch (error) {
    throw new FatalError(`cannot open log file ${logFile}: ${toError(error).code}`, ExitCode.pidFile);
  }
  return (line) => writeSync(fd, line);
}
