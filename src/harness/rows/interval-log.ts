/**
 * A point's latency per interval as an HdrHistogram interval log (.hlog, hdr-histogram-js's
 * HistogramLogWriter), the format HdrHistogram's own HistogramLogProcessor and HistogramLogAnalyzer
 * read. The log travels with its row to the results writer, which owns the run directory, under a
 * symbol key: JSON.stringify leaves it out of results.json, and spreading the row keeps it.
 */
import * as hdr from 'hdr-histogram-js';
import type { ResultRow } from '../../results/schema.js';
import type { MergedIntervals } from './interval-series.js';

const INTERVAL_LOG = Symbol('interval log');
type WithLog = ResultRow & { [INTERVAL_LOG]?: string };

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

export function attachIntervalLog(row: ResultRow, text: string): ResultRow {
  (row as WithLog)[INTERVAL_LOG] = text;
  return row;
}

/** The row's interval log, taken off it (it is written once). */
export function takeIntervalLog(row: ResultRow): string | undefined {
  const text = (row as WithLog)[INTERVAL_LOG];
  delete (row as WithLog)[INTERVAL_LOG];
  return text;
}
