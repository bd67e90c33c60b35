/** Target 7's verdict (bench/targets/generator-schedule.ts), from figures given here: what holds, what is required, what is said. */
import { describe, expect, it } from 'vitest';
import { scheduleFloor } from '../../bench/targets/schedule-floor.js';
import { scheduleFigures, scheduleReport, summarizeSchedule, type ScheduleFigures } from '../../bench/targets/generator-schedule.js';

/** One round: a ceiling of 10,000 msgs/s, each step achieving `achievedPercent` with send-lag p99 `p99Us`, and the clock-only floor's p99 `floorUs` (default 10). */
function oneRound(steps: Record<number, { achievedPercent: number; p99Us: number | null; floorUs?: number }>): ScheduleFigures {
  const figures = scheduleFigures();
  figures.ceiling.push(10_000);
  for (const step of figures.steps) {
    const { achievedPercent, p99Us, floorUs = 10 } = steps[step.fraction] ?? { achievedPercent: 100, p99Us: 20 };
    step.offered.push(10_000 * step.fraction);
    step.achieved.push(p99Us === null ? null : (100 * step.fraction * achievedPercent));
    step.sendLagP50Us.push(p99Us === null ? null : 5);
    step.sendLagP99Us.push(p99Us);
    step.floorP99Us.push(floorUs);
    step.floorP999Us.push(10 * floorUs);
  }
  return figures;
}

describe('target 7: the generator holds its schedule', () => {
  it('is met when every step up to 80 % achieves ≥ 99 % with send-lag p99 under 100 µs, whatever the step above does', () => {
    const summary = summarizeSchedule(oneRound({ 0.8: { achievedPercent: 99, p99Us: 99 }, 1: { achievedPercent: 90, p99Us: 5000 } }));
    expect(summary.met).toBe(true);
    expect(summary.steps.map((s) => [s.fraction, s.required, s.held])).toEqual([
      [0.25, true, true],
      [0.5, true, true],
      [0.8, true, true],
      [1, false, false],
    ]);
    expect(scheduleReport(summary, 1)).toContain('target 7 met on this machine');
  });

  it('is not met, and says where, when a required step lags 100 µs or more, falls short of 99 %, or measured nothing', () => {
    expect(summarizeSchedule(oneRound({ 0.5: { achievedPercent: 100, p99Us: 100 } })).met).toBe(false);
    expect(summarizeSchedule(oneRound({ 0.25: { achievedPercent: 98.9, p99Us: 10 } })).met).toBe(false);
    const nothing = summarizeSchedule(oneRound({ 0.8: { achievedPercent: 100, p99Us: null } }));
    expect(nothing.met).toBe(false);
    const report = scheduleReport(nothing, 1);
    expect(report).toContain('target 7 NOT met on this machine: failed at 80 % of the ceiling');
    expect(report).toMatch(/80 %.*—/); // not measured: a dash, never 0
    expect(report.split('\n').every((line) => line.length <= 120)).toBe(true);
    expect(report).not.toContain('no generator could hold');
  });

  it("shows the clock-only floor beside each step, and names the required steps where the floor alone reaches the goal", () => {
    const summary = summarizeSchedule(oneRound({ 0.25: { achievedPercent: 100, p99Us: 400, floorUs: 150 }, 1: { achievedPercent: 100, p99Us: 400, floorUs: 300 } }));
    expect(summary.steps.map((s) => [s.floorP99Us, s.floorP999Us])).toEqual([[150, 1500], [10, 100], [10, 100], [300, 3000]]);
    const report = scheduleReport(summary, 1);
    expect(report).toMatch(/25 %.*150 \/ 1,500/);
    expect(report).toContain('Its p99 alone reaches 100 µs at 25 %: no generator could hold the goal there');
    expect(report.split('\n').every((line) => line.length <= 120)).toBe(true);
  });
});

describe('the clock-only floor (clock-watcher.ts, pinned as the generator is)', () => {
  it('counts one due message per period and reports its lag percentiles', async () => {
    // 301 times are due in 300 ms at 1,000/s; every one is counted, however late the loaded machine let the loop see it.
    const floor = await scheduleFloor(1000, 300, null);
    expect(floor.count).toBeGreaterThanOrEqual(300);
    expect(floor.count).toBeLessThanOrEqual(302);
    expect(floor.p50).not.toBeNull();
    expect(floor.p99!).toBeGreaterThanOrEqual(floor.p50!);
  });
});
