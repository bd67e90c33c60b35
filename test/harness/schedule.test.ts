/** The open loop's timetable, in process and without a clock: what is due when, and that catching up never drifts. */
import { describe, expect, it } from 'vitest';
import { Schedule } from '../../src/harness/load/schedule.js';

describe('Schedule', () => {
  it('spreads the slots’ phases evenly over one period', () => {
    const schedule = new Schedule(4, 4, 100);
    expect([0, 1, 2, 3].map((slot) => schedule.nextDue(slot))).toEqual([100, 101, 102, 103]);
    expect(schedule.refresh()).toBe(100);
  });

  it('owes nothing before a slot’s time, and exactly one message at it', () => {
    const schedule = new Schedule(10, 2, 0);
    expect(schedule.take(1, 4.999)).toBe(0);
    expect(schedule.take(1, 5)).toBe(1);
    expect(schedule.nextDue(1)).toBe(15);
  });

  it('a late turn takes every message whose time has passed, each with its own intended time, and the timetable stays put', () => {
    const schedule = new Schedule(10, 1, 0);
    expect(schedule.take(0, 0)).toBe(1);
    const first = schedule.takenBy(0);
    expect(schedule.take(0, 47)).toBe(4); // due at 10, 20, 30, 40
    expect(Array.from({ length: 4 }, (_, k) => schedule.intended(0, first + k))).toEqual([10, 20, 30, 40]);
    expect(schedule.nextDue(0)).toBe(50); // not 57: the stall shifted nothing
    expect(schedule.take(0, 49.9)).toBe(0);
  });

  it('a pass limited to n takes the n oldest: the rest stay owed with their own intended times', () => {
    const schedule = new Schedule(1, 1, 0);
    expect(schedule.take(0, 999.5, 256)).toBe(256); // 1,000 due
    expect(schedule.nextDue(0)).toBe(256);
    expect(schedule.take(0, 999.5, 256)).toBe(256);
    expect(schedule.take(0, 999.5)).toBe(1000 - 512);
    expect(schedule.nextDue(0)).toBe(1000);
  });

  it('over a million periods of an awkward period, taken at irregular times, owes exactly the messages due: no drift', () => {
    const period = (1000 * 16) / 30_000; // 0.5333… ms: not exact in binary
    const slots = 16;
    const schedule = new Schedule(period, slots, 12.345);
    let now = 12.345;
    let step = 0;
    let wrong = 0; // a slot that owes a message past due, or took one not yet due
    const total = () => Array.from({ length: slots }, (_, slot) => schedule.takenBy(slot)).reduce((a, b) => a + b, 0);
    while (now < 12.345 + 1_000_000 * period) {
      now += ((step++ * 7919) % 97) / 50; // 0 to ~2 ms, irregular
      for (let slot = 0; slot < slots; slot++) schedule.take(slot, now);
      for (let slot = 0; slot < slots; slot++) {
        if (schedule.nextDue(slot) <= now || schedule.intended(slot, schedule.takenBy(slot) - 1) > now) wrong++;
      }
    }
    expect(wrong).toBe(0);
    // Every slot's count is what its phase and the period say, at the end as at the start.
    const expected = Array.from({ length: slots }, (_, slot) => Math.floor((now - 12.345) / period - slot / slots) + 1);
    expect(Array.from({ length: slots }, (_, slot) => schedule.takenBy(slot))).toEqual(expected);
    expect(total()).toBe(expected.reduce((a, b) => a + b, 0));
  });
});
