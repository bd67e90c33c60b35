/**
 * reuseport's connection counts in shared memory: for each thread, its live connections and those
 * it has accepted since start. Each thread writes its own; the main thread reads them for stats.
 */

const LIVE = 0;
const ACCEPTED = 1;
const FIELDS = 2;

export class ConnectionCounters {
  private readonly counts: Int32Array;

  /** New counters for `threads` threads, or a thread's view of the main thread's (its buffer, passed in workerData). */
  constructor(threadsOrBuffer: number | SharedArrayBuffer) {
    this.buffer = typeof threadsOrBuffer === 'number' ? new SharedArrayBuffer(threadsOrBuffer * FIELDS * Int32Array.BYTES_PER_ELEMENT) : threadsOrBuffer;
    this.counts = new Int32Array(this.buffer);
  }

  readonly buffer: SharedArrayBuffer;

  /** Thread `index` opened a connection; `live` are open now. */
  opened(index: number, live: number): void {
    Atomics.store(this.counts, index * FIELDS + LIVE, live);
    Atomics.add(this.counts, index * FIELDS + ACCEPTED, 1);
  }

  /** Thread `index` has `live` connections open (one closed, or the thread died with all of its own: 0). */
  setLive(index: number, live: number): void {
    Atomics.store(this.counts, index * FIELDS + LIVE, live);
  }

  live(): number[] {
    return this.perThread(LIVE);
  }

  /** Since start, across the threads that held each index (a replacement carries on its predecessor's count). */
  accepted(): number[] {
    return this.perThread(ACCEPTED);
  }

  private perThread(field: number): number[] {
    return Array.from({ length: this.counts.length / FIELDS }, (_, i) => Atomics.load(this.counts, i * FIELDS + field));
  }
}
