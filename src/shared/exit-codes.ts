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

/**
 * Exit codes of `report` and `compare` for bad input, distinct from the servers' codes above,
 * so a script can tell a missing run from a corrupt one.
 */
export const ReportExit = {
  /** The path names no directory holding results.json and no file. */
  notFound: 20,
  /** The file is not JSON. */
  notJson: 21,
  /** JSON, but not an echolab results file this version understands. */
  notResults: 22,
  /** Writing the charts or the page failed (disk full, permissions). */
  writeFailed: 23,
  /** compare: the two runs share no model × scenario point. */
  nothingInCommon: 24,
} as const;

/** Exit codes of `bench` besides usage (2) and an interrupted run (130, as for SIGINT). */
export const BenchExit = {
  /** Every point failed (nothing listening at --target, no server started): the run measured nothing. */
  everyPointFailed: 30,
  /** A --server-host or --generator-hosts host cannot be used (ssh refused, no echolab install there, another version). */
  remoteHost: 31,
} as const;

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
