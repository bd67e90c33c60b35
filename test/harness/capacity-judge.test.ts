/** judgeStep's pass rule, the reasons it gives, and the intervals it judges (stubs left out), on rows built from the fixture's open-loop row. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeStep } from '../../src/harness/capacity/judge.js';
import type { IntervalSeries, ResultRow, ResultsFile, Slo } from '../../src/results/schema.js';
import { ACHIEVED_SHARE } from '../../src/results/held-rate.js';
import { stepIntervals } from '../../src/results/step-intervals.js';
import { FIXTURE_A } from '../report/fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const template = fixture.results.find((row) => row.mode === 'open' && row.status === 'ok')!;
const slo: Slo = { percentile: 'p99', objectiveUs: 10_000 };

/** Intervals of 100 ms, the windows starting 5 ms in: `p99Us` and `msgsPerSec` per interval, a 5 ms stub at the end unless `stub` is given. */
function series(p99Us: (number | null)[], msgsPerSec: number, stub?: { p99Us: number; ms: number }): IntervalSeries {
  const n = p99Us.length + 1;
  const last = stub ?? { p99Us: 100, ms: 5 };
  const p99 = [...p99Us, last.p99Us];
  return {
    intervalMs: 100,
    firstMs: 5,
    spanMs: p99Us.length * 100 + last.ms,
    messages: p99.map(() => msgsPerSec / 10),
    msgsPerSec: p99.map(() => msgsPerSec),
    p50Us: p99.map((us) => (us === null ? null : us / 4)),
    p99Us: p99,
    maxUs: p99,
    errors: p99.map(() => 0),
    sendLagP99Us: p99.map(() => 50),
    serverCpuPercent: Array.from({ length: n }, () => 40),
    serverRssMiB: null,
    serverPssMiB: null,
  };
}

/** A step offered `offered` msgs/s that achieved `achieved`, its p99 `p99Us`. */
function step(offered: number, achieved: number, p99Us: number | null, more: Partial<ResultRow> = {}): ResultRow {
  const row = structuredClone(template);
  Object.assign(row, { scenario: 'capacity', targetRate: offered, status: 'ok', ...more });
  row.achievedRate = { median: achieved, range: [achieved, achieved], runs: [achieved] };
  row.latencyUs = { ...row.latencyUs, p99: p99Us };
  row.intervals = series([p99Us, p99Us, p99Us], achieved);
  return row;
}

describe('judgeStep: the pass rule', () => {
  it('passes at ≥ 99 % of the offered rate with the percentile within the objective, both edges included', () => {
    expect(judgeStep(step(1000, 1000, 5_000), slo)).toMatchObject({ passed: true, failedOn: [] });
    expect(judgeStep(step(1000, ACHIEVED_SHARE * 1000, 10_000), slo)).toMatchObject({ passed: true, failedOn: [] });
  });

  it('fails just under 99 % on the rate, and just over the objective on latency, and says which', () => {
    expect(judgeStep(step(1000, 989, 5_000), slo)).toMatchObject({ passed: false, failedOn: ['rate'] });
    expect(judgeStep(step(1000, 1000, 10_001), slo)).toMatchObject({ passed: false, failedOn: ['latency'] });
    expect(judgeStep(step(1000, 500, 20_000), slo)).toMatchObject({ passed: false, failedOn: ['rate', 'latency'] });
  });

  it('judges the objective’s own percentile', () => {
    const row = step(1000, 1000, 5_000);
    row.latencyUs.p50 = 3_000;
    expect(judgeStep(row, { percentile: 'p50', objectiveUs: 2_000 })).toMatchObject({ passed: false, failedOn: ['latency'] });
    expect(judgeStep(row, { percentile: 'p50', objectiveUs: 3_000 }).passed).toBe(true);
  });

  it('fails a row whose server stopped answering, one with no answers, and one with no offered rate', () => {
    expect(judgeStep(step(1000, 1000, 5_000, { status: 'failed' }), slo)).toMatchObject({ passed: false, failedOn: ['status'] });
    // No answer: no percentile to judge, the rate fails it.
    expect(judgeStep(step(1000, 0, null), slo)).toMatchObject({ passed: false, failedOn: ['rate'] });
    expect(judgeStep(step(0, 0, 5_000), slo).passed).toBe(false);
  });

  it('carries the row’s client-bound mark', () => {
    const row = step(1000, 1000, 5_000);
    row.client = { ...row.client, clientBound: true };
    expect(judgeStep(row, slo).clientBound).toBe(true);
  });
});

describe('judgeStep: throughout or in some intervals only', () => {
  it('a failure in every interval is steady; one in some intervals only is not (the search measures it again)', () => {
    expect(judgeStep(step(1000, 1000, 20_000), slo).throughout).toBe(true);
    const stall = step(1000, 1000, 20_000);
    stall.intervals = series([3_300, 2_700, 21_600], 1000);
    expect(judgeStep(stall, slo)).toMatchObject({ passed: false, throughout: false });
    // Achieving 6 % of the offered rate in every interval (connections never answered): steady.
    expect(judgeStep(step(1000, 60, 400), slo)).toMatchObject({ failedOn: ['rate'], throughout: true });
    // Nothing came back in one interval: a stall may have spanned the step, so it is measured again.
    const frozen = step(1000, 60, 400);
    frozen.intervals!.messages[1] = 0;
    frozen.intervals!.msgsPerSec[1] = 0;
    expect(judgeStep(frozen, slo)).toMatchObject({ failedOn: ['rate'], throughout: false });
  });

  it('a short final stub is not an interval: its p99 neither fails the step throughout nor is named', () => {
    const row = step(1000, 1000, 20_000);
    row.intervals = series([3_300, 2_700, 2_900], 1000, { p99Us: 21_600, ms: 40 });
    const judged = stepIntervals(row, slo);
    expect(judged.map((interval) => interval.index)).toEqual([0, 1, 2]);
    expect(judged.every((interval) => interval.failedOn.length === 0)).toBe(true);
    expect(judgeStep(row, slo).throughout).toBe(false);
    // Half an interval or more is one.
    row.intervals = series([3_300, 2_700, 2_900], 1000, { p99Us: 21_600, ms: 52 });
    expect(stepIntervals(row, slo).at(-1)).toMatchObject({ index: 3, percentileUs: 21_600, failedOn: ['latency'], fromMs: 300, toMs: 352 });
  });
});
