/** The open loop's send lag per interval: recorded in the interval a message left in, merged over the generator processes. */
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/harness/load/histogram.js';
import { IntervalRecorder } from '../../src/harness/load/interval-recorder.js';
import { sharedNow } from '../../src/harness/load/shared-clock.js';
import { mergeIntervals } from '../../src/harness/rows/interval-series.js';

/** A recorder whose grid began `agoMs` ago with intervals of `intervalMs`: what it records now lands in interval ⌊agoMs / intervalMs⌋. */
const recorderAt = (agoMs: number, intervalMs: number) => new IntervalRecorder({ originMs: sharedNow() - agoMs, intervalMs });

describe('send lag per interval', () => {
  it('lands in the interval it was sent in, and the series gives its p99 over every process', () => {
    const a = recorderAt(150, 100);
    const b = recorderAt(150, 100);
    for (const r of [a, b]) r.windowStarted();
    for (let i = 0; i < 99; i++) a.sendLag(10);
    b.sendLag(5_000);
    b.sendLag(5_000);
    a.record(300);
    for (const r of [a, b]) r.windowEnded();
    const reports = [a.report(), b.report()];
    expect(reports[0]!.sendLag![0]).toBeNull();
    expect(decode(reports[0]!.sendLag![1]!).totalCount).toBe(99);
    const { series } = mergeIntervals(reports, undefined);
    // 101 sends in interval 1: its p99 is the second slowest, from the other process.
    expect(series.sendLagP99Us?.[0]).toBeNull();
    expect(series.sendLagP99Us?.[1]).toBeGreaterThanOrEqual(4_990);
    expect(series.sendLagP99Us).toHaveLength(series.messages.length);
  });

  it('is absent where no process kept a schedule (closed loop, churn): not measured, not 0', () => {
    const r = recorderAt(50, 100);
    r.windowStarted();
    r.record(200);
    r.windowEnded();
    expect(r.report().sendLag).toBeUndefined();
    expect(mergeIntervals([r.report()], undefined).series).not.toHaveProperty('sendLagP99Us');
  });
});
