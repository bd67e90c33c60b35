import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../src/results/schema.js';
import { compareRuns, type Comparison } from '../../src/report/compare/compare-runs.js';
import { criticalT, twoSidedP } from '../../src/shared/student-t.js';
import { welchRatio } from '../../src/report/compare/welch.js';
import { FIXTURE_A, FIXTURE_B } from './fixture-run.js';

const COMPARE_CLI = path.resolve('dist/src/cli/compare.js');
const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
const a = load(FIXTURE_A);
const b = load(FIXTURE_B);

function pick(comparisons: Comparison[], model: string, point: string): Comparison {
  const found = comparisons.find((c) => c.model === model && c.point === point);
  if (!found) throw new Error(`no comparison for ${model} in ${point}`);
  return found;
}

describe("Student's t", () => {
  it('matches the textbook 97.5 % quantiles and tail probabilities', () => {
    expect(criticalT(0.05, 1)).toBeCloseTo(12.706, 3);
    expect(criticalT(0.05, 4)).toBeCloseTo(2.776, 3);
    expect(criticalT(0.05, 1e6)).toBeCloseTo(1.96, 2);
    expect(twoSidedP(2.228, 10)).toBeCloseTo(0.05, 3);
  });
});

describe('compare on the two fixture runs (B: event-loop 1.5× throughput, 2× latency; the rest identical)', () => {
  const report = compareRuns(a, b);

  it('pairs every row of the two runs', () => {
    expect(report.comparisons).toHaveLength(a.results.length);
    expect(report.onlyInA).toEqual([]);
    expect(report.onlyInB).toEqual([]);
  });

  it('finds event-loop 1.5× faster, significantly, with the ratio inside its interval', () => {
    for (const point of ['echo-small c=1', 'echo-small c=64', 'cpu c=16', 'churn c=16']) {
      const { msgsPerSec } = pick(report.comparisons, 'event-loop', point);
      expect(msgsPerSec.ratio).toBeCloseTo(1.5, 6);
      expect(msgsPerSec.ci95![0]).toBeGreaterThan(1);
      expect(msgsPerSec.ci95![0]).toBeLessThan(1.5);
      expect(msgsPerSec.ci95![1]).toBeGreaterThan(1.5);
      expect(msgsPerSec.p!).toBeLessThan(0.05);
    }
  });

  it('finds event-loop p99 latency 2× higher, significantly', () => {
    const { p99Us } = pick(report.comparisons, 'event-loop', 'echo-small c=16');
    expect(p99Us.ratio).toBeGreaterThan(1.98);
    expect(p99Us.ratio).toBeLessThan(2.02);
    expect(p99Us.ci95![0]).toBeGreaterThan(1);
    expect(p99Us.p!).toBeLessThan(0.05);
  });

  it('finds no significant difference where the runs are identical', () => {
    const same = pick(report.comparisons, 'worker', 'echo-small c=16');
    expect(same.msgsPerSec.ratio).toBeCloseTo(1, 9);
    expect(same.msgsPerSec.ci95![0]).toBeLessThan(1);
    expect(same.msgsPerSec.ci95![1]).toBeGreaterThan(1);
    expect(same.msgsPerSec.p!).toBeGreaterThan(0.05);
    expect(same.p99Us.ratio).toBe(1);
    expect(same.p99Us.ci95![0]).toBeLessThanOrEqual(1);
    expect(same.p99Us.ci95![1]).toBeGreaterThanOrEqual(1);
  });

  it('flags failed and client-bound rows instead of comparing them silently', () => {
    expect(pick(report.comparisons, 'fork', 'echo-large c=8').warnings).toEqual(['failed in A', 'failed in B']);
    expect(pick(report.comparisons, 'cluster', 'echo-small c=64').warnings).toContain('client-bound in B');
  });
});

describe('ratio of repeats', () => {
  it('has no interval with one repeat a side, and says so', () => {
    const single = welchRatio([100], [150]);
    expect(single.ratio).toBe(1.5);
    expect(single.ci95).toBeNull();
    expect(single.note).toBe('CI unavailable: 1 repeat');
  });
});

describe('npm run compare (CLI)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [COMPARE_CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints a table with ratios, intervals and significance marks', () => {
    const result = run(FIXTURE_A, FIXTURE_B);
    expect(result.status).toBe(0);
    const eventLoop = result.stdout.split('\n').find((line) => line.includes('echo-small c=16') && line.includes('event-loop'))!;
    expect(eventLoop).toMatch(/1\.50 \[1\.\d\d, 1\.\d\d\]\s*│ \*+/);
    const worker = result.stdout.split('\n').find((line) => line.includes('echo-small c=16') && line.includes('worker'))!;
    expect(worker).toContain('n.s.');
  });

  it('prints JSON with --json', () => {
    const result = run('--json', FIXTURE_A, FIXTURE_B);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { comparisons: Comparison[] };
    expect(pick(parsed.comparisons, 'event-loop', 'open c=16').msgsPerSec.ratio).toBeCloseTo(1.5, 6);
  });

  it('rejects a missing run and a single argument with distinct exit codes', () => {
    expect(run(FIXTURE_A).status).toBe(2);
    expect(run(FIXTURE_A, '/no/such/run').status).toBe(20);
  });
});
