/**
 * Recording latencies: HdrHistogram (hdr-histogram-js), µs resolution, merged by adding, never by averaging
 * percentiles, and stored in results.json compressed. The report reads them back: src/report/read-histogram.ts.
 */
import * as hdr from 'hdr-histogram-js';
import { supported, type Percentile } from '../../results/latency-support.js';
import type { LatencySummary } from '../../results/schema.js';

export type Histogram = hdr.Histogram;

/** 1 µs to 10 minutes at 3 significant digits. */
export function newHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

export function encode(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decode(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded);
}

/** One histogram holding every value of the encoded ones. */
export function mergeEncoded(encoded: readonly string[]): Histogram {
  const total = newHistogram();
  for (const one of encoded) total.add(decode(one));
  return total;
}

/**
 * The recorded latencies' figures; with nothing recorded every figure is null (no answer has no latency,
 * not 0), and a percentile is null where too few answers back it (results/latency-support.ts).
 */
export function summarize(histogram: Histogram): LatencySummary {
  const answered = histogram.totalCount > 0;
  const at = (percentile: Percentile, p: number) => supported(percentile, histogram.totalCount, () => histogram.getValueAtPercentile(p));
  return {
    p50: at('p50', 50),
    p90: at('p90', 90),
    p99: at('p99', 99),
    p999: at('p999', 99.9),
    max: answered ? histogram.maxValue : null,
    mean: answered ? histogram.mean : null,
    count: histogram.totalCount,
    histogram: encode(histogram),
  };
}
