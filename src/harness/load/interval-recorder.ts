/**
 * A generator process's latency per time interval: one HdrHistogram per interval of the shared grid
 * (shared-clock.ts), filled with the same answers as the window's histogram, so the intervals' counts
 * add up to the windows'. Packed histograms keep a long run's many intervals small; they are encoded
 * only once the measurement is over, so encoding never takes time out of a window.
 */
import * as hdr from 'hdr-histogram-js';
import { encode, type Histogram } from './histogram.js';
import { intervalIndex, sharedNow, type IntervalGrid } from './shared-clock.js';

/** What one generator process measured per interval; the harness merges the processes' reports (interval-series.ts). */
export interface IntervalReport {
  grid: IntervalGrid;
  /** On the shared clock: when this process's first measured window began (a little after the origin: the harness's request travels). */
  startMs: number;
  /** On the shared clock: when this process's last measured window ended. */
  endMs: number;
  /** Per interval from the origin: the encoded latency histogram (µs), or null where this process recorded no answer. */
  latency: (string | null)[];
  /** Per interval: errors seen while measuring. */
  errors: number[];
  /** Open loop: per interval, the encoded histogram of how late its messages left against their schedule (µs), or null where none was sent; absent where no send lag was recorded (closed loop, churn). */
  sendLag?: (string | null)[];
}

export class IntervalRecorder {
  private readonly histograms: (Histogram | undefined)[] = [];
  private readonly errors: number[] = [];
  private readonly sendLags: (Histogram | undefined)[] = [];
  private startMs: number | undefined;
  private endMs: number;

  constructor(readonly grid: IntervalGrid) {
    this.endMs = grid.originMs;
  }

  /** A measured window begins now. */
  windowStarted(): void {
    this.startMs ??= sharedNow();
  }

  /** An answer's latency, in the interval it came back in. */
  record(latencyUs: number): void {
    const index = intervalIndex(this.grid, sharedNow());
    (this.histograms[index] ??= newPackedHistogram()).recordValue(latencyUs);
  }

  /** A message left `lagUs` late against its schedule, in the interval it was sent in. */
  sendLag(lagUs: number): void {
    const index = intervalIndex(this.grid, sharedNow());
    (this.sendLags[index] ??= newPackedHistogram()).recordValue(lagUs);
  }

  error(): void {
    const index = intervalIndex(this.grid, sharedNow());
    this.errors[index] = (this.errors[index] ?? 0) + 1;
  }

  /** A measured window ended now. */
  windowEnded(): void {
    this.endMs = sharedNow();
  }

  report(): IntervalReport {
    const count = Math.max(this.histograms.length, this.errors.length, this.sendLags.length, Math.ceil((this.endMs - this.grid.originMs) / this.grid.intervalMs));
    return {
      grid: this.grid,
      startMs: this.startMs ?? this.grid.originMs,
      endMs: this.endMs,
      latency: Array.from({ length: count }, (_, i) => (this.histograms[i] ? encode(this.histograms[i]) : null)),
      errors: Array.from({ length: count }, (_, i) => this.errors[i] ?? 0),
      ...(this.sendLags.length > 0 ? { sendLag: Array.from({ length: count }, (_, i) => (this.sendLags[i] ? encode(this.sendLags[i]) : null)) } : {}),
    };
  }
}

/** The same range and precision as newHistogram(), in a packed (sparse) array. */
function newPackedHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 'packed' });
}
