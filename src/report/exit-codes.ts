/**
 * Exit codes of `report` and `compare` for bad input, distinct from the servers' codes (0-7)
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
