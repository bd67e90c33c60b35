/**
 * Reading a run's stored latency histograms (HdrHistogram, compressed base64) back into numbers: the
 * percentile spectrum and each recorded value. Recording and merging them: src/harness/load/histogram.ts.
 */
import { decodeFromCompressedBase64, JsHistogram } from 'hdr-histogram-js';

/** Decodes one stored histogram as a pure-JS histogram, so its recorded values can be iterated. */
export function decodeHistogram(encoded: string): JsHistogram {
  const histogram = decodeFromCompressedBase64(encoded, 32, false);
  if (!(histogram instanceof JsHistogram)) throw new Error('hdr-histogram-js decoded to an unexpected type');
  return histogram;
}

export interface SpectrumPoint {
  /** Percentile, 0..100. */
  percentile: number;
  /** 1 / (1 - p): the HdrHistogram plot's x axis, where 90 %, 99 %, 99.9 % are evenly spaced. */
  oneOverTail: number;
  valueUs: number;
}

/**
 * The percentile spectrum as HdrHistogram plots draw it: `stepsPerDecade` points per factor of ten
 * in 1/(1-p), up to the last percentile the sample count can resolve, then the maximum.
 */
export function percentileSpectrum(histogram: JsHistogram, stepsPerDecade = 10): SpectrumPoint[] {
  const count = histogram.totalCount;
  if (count === 0) return [];
  const points: SpectrumPoint[] = [];
  for (let step = 0; ; step++) {
    const oneOverTail = 10 ** (step / stepsPerDecade);
    if (oneOverTail >= count) break;
    const percentile = 100 * (1 - 1 / oneOverTail);
    points.push({ percentile, oneOverTail, valueUs: histogram.getValueAtPercentile(percentile) });
  }
  points.push({ percentile: 100, oneOverTail: Math.max(count, 1), valueUs: histogram.maxValue });
  return points;
}

/** Each distinct recorded value (bucket) with its count. */
export function recordedValues(histogram: JsHistogram): { values: number[]; counts: number[] } {
  const values: number[] = [];
  const counts: number[] = [];
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    values.push(histogram.medianEquivalentValue(step.valueIteratedTo));
    counts.push(step.countAtValueIteratedTo);
  }
  return { values, counts };
}
