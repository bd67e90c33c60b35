/**
 * Whether a row's throughput figures (msgs/s, MB/s, Jain's index over messages per connection) are
 * measurements: the connections scenario holds connections to measure memory, one echo every few
 * seconds, so its rows have none. Where they have none, tables show "—" and the CSV an empty cell.
 */
import type { ResultRow } from './schema.js';

export function measuresThroughput(row: ResultRow): boolean {
  return row.connectionsStep === undefined;
}
