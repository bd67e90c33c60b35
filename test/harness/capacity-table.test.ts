/** The terminal's capacity table says why each model's first failing rate failed, from the step that decided it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCapacityTable } from '../../src/harness/output/capacity-table.js';
import type { ResultRow, ResultsFile, Slo } from '../../src/results/schema.js';
import { FIXTURE_A } from '../report/fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const template = fixture.results.find((row) => row.mode === 'open' && row.status === 'ok')!;
const slo: Slo = { percentile: 'p99', objectiveUs: 10_000 };

function step(model: ResultRow['model'], n: number, rate: number, achieved: number, p99Us: number, starved = 0): ResultRow {
  const row = structuredClone(template);
  Object.assign(row, { model, scenario: 'capacity', connections: 4, targetRate: rate, status: 'ok' });
  row.achievedRate = { median: achieved, range: [achieved, achieved], runs: [achieved] };
  row.latencyUs = { ...row.latencyUs, p99: p99Us };
  row.fairness = { ...row.fairness, starved };
  const passed = achieved >= 0.99 * rate && p99Us <= slo.objectiveUs;
  row.rateSearch = { slo, step: n, passed, clientBound: false };
  return row;
}

const result = (sustainedRate: number | null, firstFailingRate: number, steps: number) => ({ sustainedRate, firstFailingRate, lowerBound: false, startRate: 3000, probeMsgsPerSec: 6000, steps });

describe('capacity table', () => {
  it('notes why the first failing rate failed: its rate (and connections never answered) or its percentile, and a second measurement', () => {
    const sequential = [step('sequential', 1, 3000, 750, 400, 3)];
    sequential[0]!.rateSearch!.result = result(null, 3000, 1);
    const hsha = [step('hsha', 1, 3000, 3000, 5000), step('hsha', 2, 6000, 6000, 19_000), step('hsha', 3, 6000, 6000, 16_900)];
    hsha[2]!.rateSearch!.confirms = 2;
    hsha[2]!.rateSearch!.result = result(3000, 6000, 3);
    const table = formatCapacityTable([...sequential, ...hsha]);
    expect(table).toContain('failed at 3,000 msgs/s: achieved 25 % of it, 3 of 4 connections unanswered');
    expect(table).toContain('failed at 6,000 msgs/s: p99 16.9 ms (measured twice)');
  });
});
