/**
 * Exit codes by kind, in the spirit of the C tutorials' USAGE/SOCKET/BIND/LISTEN codes,
 * so scripts can tell a typo from a busy port without parsing messages.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  badHost: 3,
  addressInUse: 4,
  permissionDenied: 5,
  listenFailed: 6,
  pidFile: 7,
  /** client: the server refused, reset or could not be reached. */
  connectionFailed: 8,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends the program with one line on stderr and a chosen exit code. */
export class FatalError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'FatalError';
  }
}

export class UsageError extends FatalError {
  constructor(message: string) {
    super(message, ExitCode.usage, true);
    this.name = 'UsageError';
  }
}
