/**
 * Rows that measure no throughput (the connections scenario: see throughput.ts) have no msgs/s, MB/s
 * or Jain's index: results.json says null for them. In memory such a row keeps the shapes every row
 * has, as "no repeat measured" (an estimate of no runs, an index that is not a number), which every
 * table and sentence reads through measuresThroughput.
 */
import type { Estimate, ResultRow, ResultsFile } from './schema.js';
import { measuresThroughput } from './throughput.js';

/** The row as results.json writes it. */
function rowForFile(row: ResultRow): ResultRow {
  if (measuresThroughput(row)) return row;
  return { ...row, msgsPerSec: null, bytesPerSec: null, fairness: { ...row.fairness, jain: null } } as unknown as ResultRow;
}

const noRuns = (): Estimate => ({ median: 0, range: [0, 0], runs: [] });

/** The results as results.json (and bench --json) writes them. */
export function resultsForFile(results: ResultsFile): ResultsFile {
  return { ...results, results: results.results.map(rowForFile) };
}

/** The row as read back from results.json: its nulls as the in-memory "not measured". */
export function rowFromFile(row: ResultRow): ResultRow {
  const file = row as unknown as { msgsPerSec: Estimate | null; bytesPerSec: Estimate | null; fairness: { jain: number | null } };
  if (file.msgsPerSec !== null && file.bytesPerSec !== null && file.fairness.jain !== null) return row;
  return {
    ...row,
    msgsPerSec: file.msgsPerSec ?? noRuns(),
    bytesPerSec: file.bytesPerSec ?? noRuns(),
    fairness: { ...row.fairness, jain: file.fairness.jain ?? Number.NaN },
  };
}
