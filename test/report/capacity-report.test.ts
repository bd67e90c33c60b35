/** The capacity search in the report: its two charts and its narrative, from search rows built on the fixture's open-loop row. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caveats } from '../../src/report/caveats.js';
import { capacityCurve } from '../../src/report/charts/capacity-curve.js';
import { framedChart } from '../../src/report/charts/spec.js';
import { capacityNarrative, limitOf } from '../../src/report/narrative/capacity.js';
import { renderSvg } from '../../src/report/render.js';
import type { ResultRow, ResultsFile, Slo } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';
import { assertWellFormedSvg } from './svg-check.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const template = fixture.results.find((row) => row.mode === 'open' && row.status === 'ok')!;
const slo: Slo = { percentile: 'p99', objectiveUs: 2_000 };

/** One step: `p99Us` at `rate`, the server at `cpu` %, the generator late or not. */
function step(model: ResultRow['model'], n: number, rate: number, p99Us: number, { cpu = 30, clientBound = false } = {}): ResultRow {
  const row = structuredClone(template);
  Object.assign(row, { model, scenario: 'capacity', connections: 16, targetRate: rate });
  row.achievedRate = { median: rate, range: [rate, rate], runs: [rate] };
  row.latencyUs = { ...row.latencyUs, p50: p99Us / 4, p99: p99Us, count: 1000 };
  row.server = { ...row.server!, cpuPercent: cpu };
  // Late enough, when late, to explain the step's p99 (at least half of it); on time otherwise.
  row.client = { ...row.client, clientBound, sendLagP99Us: clientBound ? p99Us * 0.75 : 20 };
  row.fairness = { ...row.fairness, starved: 0 };
  row.placement = { ...row.placement, serverCpus: [0] };
  row.rateSearch = { slo, step: n, passed: p99Us <= slo.objectiveUs && !clientBound, clientBound };
  return row;
}

function finish(rows: ResultRow[], sustainedRate: number | null, firstFailingRate: number | null, lowerBound: boolean): ResultRow[] {
  rows.at(-1)!.rateSearch!.result = { sustainedRate, firstFailingRate, lowerBound, startRate: rows[0]!.targetRate!, probeMsgsPerSec: 4 * rows[0]!.targetRate!, steps: rows.length, minRate: 1_500, stepAnswers: 3_000, ceilingRate: 16 * rows[0]!.targetRate! };
  return rows;
}

/** The step's time series: 100 ms intervals from 5 ms in, one per `p99Us`, with the server CPU and send lag given per interval, and a 5 ms stub at the end. */
function withIntervals(row: ResultRow, p99Us: number[], { cpu = p99Us.map(() => 40), lag = p99Us.map(() => 80), rate = row.targetRate! } = {}): ResultRow {
  const figures = [...p99Us, 100];
  row.intervals = {
    intervalMs: 100,
    firstMs: 5,
    spanMs: p99Us.length * 100 + 5,
    messages: figures.map(() => rate / 10),
    msgsPerSec: figures.map((_, k) => (k < p99Us.length ? rate : null)),
    p50Us: figures.map((us) => us / 4),
    p99Us: figures,
    maxUs: figures,
    errors: figures.map(() => 0),
    sendLagP99Us: [...lag, null],
    serverCpuPercent: [...cpu, null],
    serverCpuResolutionPercent: 10,
    serverRssMiB: null,
    serverPssMiB: null,
  };
  return row;
}

// event-loop: one core busy at 16,000; worker: the generator fell behind at 8,000.
const eventLoop = finish([step('event-loop', 1, 4000, 300), step('event-loop', 2, 8000, 400), step('event-loop', 3, 16000, 9000, { cpu: 99 }), step('event-loop', 4, 11314, 900, { cpu: 80 })], 11314, 16000, false);
const worker = finish([step('worker', 1, 2000, 500), step('worker', 2, 4000, 800), step('worker', 3, 8000, 20000, { clientBound: true, cpu: 40 }), step('worker', 4, 5657, 1200)], 5657, 8000, true);
const results: ResultsFile = { ...fixture, results: [...eventLoop, ...worker] };

describe('capacity charts', () => {
  it('capacity-curve: a panel per model headed by its sustained rate ("≥" for a lower bound), every step at its offered rate, the objective and the sustained rate as rules, client-bound steps shaped', async () => {
    const chart = capacityCurve.build(results)!;
    expect(chart.rows).toHaveLength(8);
    type Layer = { transform?: { filter: string }[]; mark?: { type: string }; encoding: Record<string, { field?: string; datum?: number; scale?: { domain: string[] } }> };
    const body = chart.body as { data: { values: { model: string; panel: string; offered: number; sustained: number | null }[] }; facet: { field: string; sort: string[] }; spec: { layer: Layer[] } };
    expect(body.facet.field).toBe('panel');
    expect(body.facet.sort).toEqual(['worker: ≥ 5,660 msgs/s', 'event-loop: 11,300 msgs/s']);
    // Every step answered: drawn at its offered rate in its model's panel.
    expect(new Set(body.data.values.map((v) => `${v.panel} ${v.offered}`)).size).toBe(8);
    // The objective: a horizontal rule at its value.
    expect(body.spec.layer.some((layer) => layer.mark?.type === 'rule' && layer.encoding.y?.datum === 2000)).toBe(true);
    // Each model's sustained rate: one vertical rule at it.
    const sustained = body.spec.layer.find((layer) => layer.mark?.type === 'rule' && layer.encoding.x?.field === 'sustained');
    expect(sustained?.transform).toEqual([{ filter: 'datum.sustained != null' }]);
    expect(body.data.values.filter((v) => v.sustained !== null).map((v) => [v.model, v.sustained])).toEqual([['worker', 5657], ['event-loop', 11314]]);
    // Client-bound steps get their own shape.
    expect(body.spec.layer.find((layer) => layer.mark?.type === 'point')?.encoding.shape?.scale?.domain).toContain('client-bound');
    const { svg, warnings } = await renderSvg(framedChart(capacityCurve.title, chart, results), 'c');
    assertWellFormedSvg(svg);
    expect(warnings).toEqual([]);
    // Once per panel, not once per step drawn in it.
    expect(svg.match(/>objective p99 ≤ 2 ms</g)).toHaveLength(2);
    expect(svg).toContain('worker: ≥ 5,660 msgs/s');
  });

  it('has no chart for a run without a search', () => {
    expect(capacityCurve.build(fixture)).toBeNull();
  });
});

describe('capacity narrative', () => {
  it('names each knee and what limited the model there, from the numbers', () => {
    const text = capacityNarrative(results.results, results).join(' ');
    // worker's answer is a lower bound: its limit may lie above event-loop's, so neither is ranked first.
    expect(text).toContain('Within p99 ≤ 2 ms, event-loop sustained the highest rate tried, 11,300 msgs/s, but the limits of worker may lie above it');
    expect(text).not.toContain('sustained the most');
    expect(text).toMatch(/event-loop's knee lies between 11,300 and 16,000 msgs\/s \(p99 900 µs\); at 16,000 msgs\/s, step 3, p99 9 ms over 1,000 answers, above the objective; .*over the step one core was busy \(server CPU 99 %\)/);
    expect(text).toMatch(/worker's knee lies between 5,660 and 8,000 msgs\/s.*the generator itself fell behind .*may be the generator's/);
  });

  it('tells a saturated core, all cores, starved connections and spare CPU apart', () => {
    const at = (cpu: number, starved = 0) => {
      const row = step('event-loop', 1, 1000, 5000, { cpu });
      row.fairness = { ...row.fairness, starved };
      return row;
    };
    expect(limitOf(at(95), 1)).toMatch(/^one core was busy/);
    expect(limitOf(at(190), 2)).toMatch(/^its 2 cores were all busy/);
    expect(limitOf(at(95), 2)).toMatch(/^one core was busy .*of 2 cores/);
    expect(limitOf(at(20, 15), 1)).toMatch(/^15 of 16 connections got no answer/);
    expect(limitOf(at(20), 1)).toMatch(/not saturated/);
  });

  it('names the generator only where its lateness could explain the failure, and never over starved connections', () => {
    const late = (lagUs: number, starved = 0) => {
      const row = step('event-loop', 1, 1000, 8000, { cpu: 20, clientBound: true });
      row.client.sendLagP99Us = lagUs;
      row.fairness = { ...row.fairness, starved };
      return row;
    };
    expect(limitOf(late(6000), 1)).toMatch(/^the generator itself fell behind its schedule \(send lag p99 6 ms\)/);
    // 500 µs late against an 8 ms p99: the server's figures say more; the lateness is said too.
    expect(limitOf(late(500), 1)).toMatch(/^its CPU was not saturated .*; the generator also ran late \(send lag p99 500 µs\)$/);
    expect(limitOf(late(6000, 14), 1)).toMatch(/^14 of 16 connections got no answer at all.*the generator also ran late/);
  });
});

describe('capacity narrative: a ranking only where the answers allow one', () => {
  it('every answer a lower bound: the ceiling was reached, no model is ranked', () => {
    const capped = finish([step('cluster', 1, 25000, 1000), step('cluster', 2, 50000, 1500)], 50000, null, true);
    const late = finish([step('fork', 1, 3000, 1000), step('fork', 2, 6000, 20000, { clientBound: true })], 3000, 6000, true);
    const text = capacityNarrative([...capped, ...late], { ...fixture, results: [...capped, ...late] });
    expect(text[0]).toBe(
      "Within p99 ≤ 2 ms, no answer ranks: every rate sustained is a lower bound (no rate tried was judged failed for cluster; fork failed only where the generator fell behind too): the search's ceiling was reached, not the models' limits.",
    );
    expect(text.join(' ')).not.toMatch(/sustained the most|highest rate/);
    expect(text.join(' ')).toMatch(/cluster sustained every rate tried, up to 50,000 msgs\/s .*: the search's ceiling was reached \(its next step would pass 400,000 msgs\/s, 4× the closed-loop rate, the most it offers\)/);
  });

  it('says a model that sustained no rate did so, not that its answer is a bound', () => {
    const capped = finish([step('cluster', 1, 25000, 1000), step('cluster', 2, 50000, 1500)], 50000, null, true);
    const none = finish([step('sequential', 1, 3000, 20000, { clientBound: true })], null, 3000, true);
    const text = capacityNarrative([...capped, ...none], { ...fixture, results: [...capped, ...none] });
    expect(text[0]).toBe(
      "Within p99 ≤ 2 ms, no answer ranks: every rate sustained is a lower bound (no rate tried was judged failed for cluster; sequential sustained no rate tried): the search's ceiling was reached, not the models' limits.",
    );
  });

  it('ranks a model first only when its sustained rate is at or above every other model\'s first failing rate', () => {
    const fast = finish([step('event-loop', 1, 8000, 500), step('event-loop', 2, 16000, 9000)], 8000, 16000, false);
    const slow = finish([step('hsha', 1, 2000, 500), step('hsha', 2, 4000, 9000)], 2000, 4000, false);
    expect(capacityNarrative([...fast, ...slow], results)[0]).toBe('Within p99 ≤ 2 ms, event-loop sustained the most: 8,000 msgs/s.');
    const close = finish([step('hsha', 1, 6000, 500), step('hsha', 2, 12000, 9000)], 6000, 12000, false);
    expect(capacityNarrative([...fast, ...close], results)[0]).toMatch(/event-loop sustained the highest rate tried, 8,000 msgs\/s, but the limits of hsha may lie above it/);
  });
});

describe('capacity narrative: why a step failed, and where', () => {
  it('a model that failed on its rate, not its latency, says so (its p99 was within the objective)', () => {
    const starved = (n: number, rate: number) => {
      const row = step('sequential', n, rate, 400, { cpu: 3 });
      row.achievedRate = { median: rate / 16, range: [rate / 16, rate / 16], runs: [rate / 16] };
      row.fairness = { ...row.fairness, starved: 15 };
      row.rateSearch!.passed = false;
      return withIntervals(row, [380, 400, 390], { rate: rate / 16 });
    };
    const rows = finish([starved(1, 8000), starved(2, 4000), starved(3, 2000), starved(4, 1500)], null, 1500, false);
    const text = capacityNarrative(rows, { ...fixture, results: rows }).join(' ');
    expect(text).not.toMatch(/met p99 ≤ 2 ms at no rate tried/);
    expect(text).toContain('No model sustained any rate tried within p99 ≤ 2 ms.');
    expect(text).toContain(
      'sequential sustained no rate tried (the search offers no rate under 1,500 msgs/s, where a step would hold fewer than 3,000 answers): at 1,500 msgs/s, step 4, it achieved 93.8 msgs/s, 6.25 % of the offered rate, 15 of 16 connections never answered, while p99 was 400 µs, within the objective; all 3 of its intervals failed',
    );
  });

  it('names the failing interval with the server CPU and send lag measured in it, and the second measurement that confirmed it', () => {
    const first = withIntervals(step('hsha', 2, 3400, 19500), [1300, 1200, 21600], { cpu: [40, 40, 60], lag: [90, 80, 3100] });
    const again = withIntervals(step('hsha', 3, 3400, 15000, { cpu: 97 }), [12000, 15500, 14000], { cpu: [95, 98, 97], lag: [70, 90, 60] });
    again.rateSearch!.confirms = 2;
    const rows = finish([withIntervals(step('hsha', 1, 1700, 800), [700, 800, 750]), first, again, withIntervals(step('hsha', 4, 2400, 900), [800, 900, 850])], 2400, 3400, false);
    const text = capacityNarrative(rows, { ...fixture, results: rows }).join(' ');
    expect(text).toContain('at 3,400 msgs/s, step 3 (measuring again the rate of step 2, which failed in 1 of its 3 intervals), p99 15 ms over 1,000 answers, above the objective');
    expect(text).toContain('all 3 of its intervals failed, the worst at 0.1 s–0.2 s: p99 15.5 ms over 340 answers, 3,400 msgs/s, server CPU 98 %, generator send lag p99 90 µs');
    // Nothing said that was not measured.
    expect(text).not.toMatch(/queued and waited/);
  });

  it('a stall that its second measurement overturned is said, and a stub of an interval is never named', () => {
    const stalled = withIntervals(step('hsha', 2, 3400, 19500), [1300, 1200, 21600]);
    const passed = withIntervals(step('hsha', 3, 3400, 1500), [1400, 1500, 1450]);
    passed.rateSearch!.confirms = 2;
    const over = withIntervals(step('hsha', 4, 6800, 30000), [25000, 30000, 28000], { cpu: [99, 100, 99] });
    const rows = finish([withIntervals(step('hsha', 1, 1700, 800), [700, 800, 750]), stalled, passed, over], 3400, 6800, false);
    const text = capacityNarrative(rows, { ...fixture, results: rows }).join(' ');
    expect(text).toContain('A step at 3,400 msgs/s (step 2) failed in some of its intervals only and passed when measured again.');
    expect(text).not.toMatch(/0\.3 s–0\.305 s/);
    // A 0 in 10 ms ticks over 100 ms is "under one tick", not an idle server.
    const idle = withIntervals(step('hsha', 2, 3400, 19500), [1300, 1200, 21600], { cpu: [10, 10, 0] });
    const quiet = finish([withIntervals(step('hsha', 1, 1700, 800), [700, 800, 750]), idle], 1700, 3400, false);
    expect(capacityNarrative(quiet, { ...fixture, results: quiet }).join(' ')).toContain('p99 21.6 ms over 340 answers, 3,400 msgs/s, server CPU < 10 %, generator send lag p99 80 µs');
    // An interval in which nothing came back says so, not "p99 — over 0 answers".
    const silent = withIntervals(step('hsha', 2, 3400, 19500), [1300, 1200, 21600], { rate: 0, lag: [0, 80, 80] });
    silent.intervals!.sendLagP99Us![0] = null;
    silent.achievedRate = { median: 10, range: [10, 10], runs: [10] };
    const stopped = finish([withIntervals(step('hsha', 1, 1700, 800), [700, 800, 750]), silent], 1700, 3400, false);
    expect(capacityNarrative(stopped, { ...fixture, results: stopped }).join(' ')).toMatch(/the worst at 0\.005 s–0\.1 s: no answer came back, server CPU 40 %, the generator sent nothing there/);
    // Without a time series, that is said rather than guessed.
    const bare = finish([step('hsha', 1, 1700, 800), step('hsha', 2, 3400, 19500)], 1700, 3400, false);
    expect(capacityNarrative(bare, { ...fixture, results: bare }).join(' ')).toContain('its intervals were not recorded');
  });
});

describe('capacity caveats', () => {
  it("lists no search step as client-bound or short (that is how a search finds the knee), but names a search whose answer is a lower bound", () => {
    const said = caveats(results).join('\n');
    expect(said).not.toMatch(/in capacity c=16/);
    expect(said).toMatch(/Capacity searches whose answer is only a lower bound .*: worker\./);
    expect(said).not.toMatch(/lower bound [^\n]*event-loop/);
    // Search steps may well have been client-bound: "no row" must not claim otherwise.
    expect(said).not.toContain('No row was client-bound');
    expect(said).toContain('No row outside the capacity searches was client-bound');
  });
});
