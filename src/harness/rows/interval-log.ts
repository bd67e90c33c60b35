/**
 * A point's latency per interval as an HdrHistogram interval log (.hlog, hdr-histogram-js's
 * HistogramLogWriter), the format HdrHistogram's own HistogramLogProcessor and HistogramLogAnalyzer
 * read. The log travels beside its row (RowAndLog) to the results writer, which owns the run directory.
 */
import * as hdr from 'hdr-histogram-js';
import type { ResultRow } from '../../results/schema.js';
import type { MergedIntervals } from './interval-series.js';

/** A row and its interval log's text: results.json holds the row, the run directory the log. */
export interface RowAndLog {
  row: ResultRow;
  /** Absent where the row has no latency histograms per interval (a failed point, the abandoned scenario's). */
  hlog?: string;
}

/** The log's text: a start time, then one line per interval (empty intervals too, so time runs on unbroken). */
export function intervalLogText({ histograms, originMs, endMs, series }: MergedIntervals, about: string): string {
  let text = '';
  const writer = new hdr.HistogramLogWriter((line) => (text += line));
  writer.outputComment(`[echolab ${about}: latency in microseconds per ${series.intervalMs} ms interval; Interval_Max in ms]`);
  writer.outputComment('[HistogramLogProcessor: pass -outputValueUnitRatio 1000 to read the percentiles in ms]');
  writer.outputLogFormatVersion();
  // As HdrHistogram's Java writer words it (outputStartTime here ends in a stray blank line).
  writer.outputComment(`[StartTime: ${(originMs / 1000).toFixed(3)} (seconds since epoch), ${new Date(originMs).toISOString()}]`);
  writer.outputLegend();
  const spanSec = (endMs - originMs) / 1000;
  histograms.forEach((histogram, k) => {
    const start = (k * series.intervalMs) / 1000;
    writer.outputIntervalHistogram(histogram, start, Math.max(start, Math.min(start + series.intervalMs / 1000, spanSec)), 1000);
  });
  return text;
}
