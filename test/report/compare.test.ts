import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { num } from '../../src/results/format.js';
import { pointLabel } from '../../src/report/rows.js';
import { compareRuns, type Comparison } from '../../src/report/compare/compare-runs.js';
import { comparisonTable } from '../../src/report/compare/comparison-table.js';
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

/** A run's row, to edit in a copy of a fixture. */
function rowOf(run: ResultsFile, model: string, point: string): ResultRow {
  const found = run.results.find((row) => row.model === model && pointLabel(row) === point);
  if (!found) throw new Error(`no row for ${model} in ${point}`);
  return found;
}

/** compare's text split into its throughput and p99 parts, and a model's line at a point in one of them. */
function tableLine(text: string, part: 'msgs/s' | 'p99', model: string, point: string): string {
  const [throughput, p99] = text.split(/^p99 latency/m);
  const line = (part === 'msgs/s' ? throughput : p99)!.split('\n').find((l) => l.startsWith(`│ ${point} `) && l.includes(` ${model} `));
  if (!line) throw new Error(`no ${part} line for ${model} in ${point}`);
  return line;
}

/** Table lines (between the borders), header and body. */
const tableRows = (text: string) => text.split('\n').filter((line) => line.startsWith('│'));
const columns = (line: string) => [...line].length;

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

describe('compare names what differs between the runs besides the code', () => {
  /** B on another machine, with another repeat count, output directory and scenario list, everything unpinned. */
  function elsewhere(): { runA: ResultsFile; runB: ResultsFile } {
    const runA = structuredClone(a);
    const runB = structuredClone(a);
    runA.options = { timing: { repeats: 3, windowMs: 1000 }, outDir: 'results', scenarios: ['echo-small'] };
    runB.options = { timing: { repeats: 5, windowMs: 1000 }, outDir: 'elsewhere', scenarios: ['cpu'] };
    runB.runId = 'elsewhere';
    runB.env = { ...runB.env, cpuModel: 'Another CPU', cores: 8, node: 'v24.99.0' };
    for (const row of runB.results) row.placement = { pinned: false, serverCpus: null, generatorCpus: null, note: 'unpinned: taskset not found' };
    return { runA, runB };
  }

  it('finds nothing to warn about between runs of the same machine and options', () => {
    expect(compareRuns(a, b).differences).toEqual([]);
    expect(comparisonTable(compareRuns(a, b))).not.toMatch(/warning/i);
  });

  it('lists CPU, cores, Node, measurement options and placements, but not output options', () => {
    const { runA, runB } = elsewhere();
    const { differences, comparisons } = compareRuns(runA, runB);
    expect(differences.slice(0, 4)).toEqual([
      { what: 'CPU', a: a.env.cpuModel, b: 'Another CPU' },
      { what: 'cores', a: String(a.env.cores), b: '8' },
      { what: 'Node', a: a.env.node, b: 'v24.99.0' },
      { what: 'option timing.repeats', a: '3', b: '5' },
    ]);
    const placements = differences.slice(4);
    expect(placements.length).toBeGreaterThan(0);
    for (const placement of placements) {
      expect(placement.what).toMatch(new RegExp(`^placement \\(\\d+ of ${comparisons.length} rows\\)$`));
      expect(placement.b).toBe('unpinned: taskset not found');
    }
    const moved = placements.reduce((sum, p) => sum + Number(/\((\d+) of/.exec(p.what)![1]), 0);
    expect(moved).toBe(comparisons.length);
  });

  it('prints the differences as a warning before the tables', () => {
    const { runA, runB } = elsewhere();
    const text = comparisonTable(compareRuns(runA, runB));
    const warning = text.indexOf('Warning: A and B differ');
    expect(warning).toBeGreaterThan(-1);
    expect(warning).toBeLessThan(text.indexOf('Throughput'));
    for (const expected of ['Another CPU', 'v24.99.0', 'option timing.repeats', 'unpinned: taskset not found']) {
      expect(text.slice(warning, text.indexOf('Throughput'))).toContain(expected);
    }
  });
});

describe('client-bound rows: the ratio is the generator ceiling, so no significance mark', () => {
  it('gives no mark, only the note, to a row client-bound in A or in B', () => {
    const runA = structuredClone(a);
    const runB = structuredClone(b);
    rowOf(runB, 'event-loop', 'echo-small c=16').client.clientBound = true;
    rowOf(runA, 'event-loop', 'churn c=16').client.clientBound = true;
    const report = compareRuns(runA, runB);
    const text = comparisonTable(report);
    for (const [point, side] of [['echo-small c=16', 'B'], ['churn c=16', 'A']] as const) {
      const c = pick(report.comparisons, 'event-loop', point);
      expect(c.msgsPerSec.ratio).toBeCloseTo(1.5, 6);
      expect(c.warnings).toEqual([`client-bound in ${side}`]);
      expect(c.msgsPerSec.mark).toBe('');
      expect(c.p99Us.mark).toBe('');
      for (const part of ['msgs/s', 'p99'] as const) {
        const line = tableLine(text, part, 'event-loop', point);
        expect(line).toContain(`client-bound in ${side}`);
        expect(line).not.toContain('*');
        expect(line).not.toContain('n.s.');
      }
    }
    // The same model elsewhere keeps its mark.
    expect(pick(report.comparisons, 'event-loop', 'echo-small c=64').msgsPerSec.mark).toBe('***');
  });
});

describe('A and B are the figures B/A compares', () => {
  // Medians 1000 → 2000 (2×), geometric means 1587 → 1957 (1.23×): the test is about the latter.
  const runsA = [1000, 1000, 4000];
  const runsB = [1500, 2000, 2500];
  const geometricMean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

  function skewed(): { runA: ResultsFile; runB: ResultsFile } {
    const runA = structuredClone(a);
    const runB = structuredClone(b);
    const [rowA, rowB] = [rowOf(runA, 'fork', 'echo-small c=16'), rowOf(runB, 'fork', 'echo-small c=16')];
    rowA.msgsPerSec = { ...rowA.msgsPerSec, median: 1000, runs: runsA };
    rowB.msgsPerSec = { ...rowB.msgsPerSec, median: 2000, runs: runsB };
    rowA.latencyUs = { ...rowA.latencyUs, p99: 1000, p99Runs: runsA };
    rowB.latencyUs = { ...rowB.latencyUs, p99: 2000, p99Runs: runsB };
    return { runA, runB };
  }

  it('shows geometric means of the repeats, whose ratio is B/A, in the report and the table', () => {
    const { runA, runB } = skewed();
    const report = compareRuns(runA, runB);
    const c = pick(report.comparisons, 'fork', 'echo-small c=16');
    for (const estimate of [c.msgsPerSec, c.p99Us]) {
      expect(estimate.figures).toBe('geometric mean of repeats');
      expect(estimate.a).toBeCloseTo(geometricMean(runsA), 9);
      expect(estimate.b).toBeCloseTo(geometricMean(runsB), 9);
      expect(estimate.ratio).toBeCloseTo(estimate.b / estimate.a, 12);
      expect(estimate.ratio).toBeCloseTo(1.233, 3);
    }
    const text = comparisonTable(report);
    const line = tableLine(text, 'msgs/s', 'fork', 'echo-small c=16');
    expect(line).toContain(`│ ${num(geometricMean(runsA))} `);
    expect(line).toContain(`│ ${num(geometricMean(runsB))} `);
    expect(line).toContain('│ 1.23 [');
    expect(text).toContain('A, B: geometric means of the repeats');
    expect(text).toContain("A, B: geometric means of the repeats' p99s");
  });
});

describe('the headings name only the kinds of figures the table shows', () => {
  it('does not describe the figures of rows that have none (no latency recorded)', () => {
    const [runA, runB] = [structuredClone(a), structuredClone(b)];
    for (const row of [...runA.results, ...runB.results]) {
      const { p99 } = row.latencyUs;
      if (p99 !== null) row.latencyUs.p99Runs = [p99 * 0.98, p99, p99 * 1.02];
    }
    const report = compareRuns(runA, runB);
    expect(report.comparisons.some((c) => c.p99Us.note === 'no latency recorded: no answer in A and B')).toBe(true);
    const heading = comparisonTable(report).split(/^p99 latency/m)[1]!.split('┌')[0]!;
    expect(heading).toContain("A, B: geometric means of the repeats' p99s");
    expect(heading).not.toContain('p99 of all samples');
  });
});

describe('p99 with one repeat or no per-repeat p99s: no test, so no mark', () => {
  /** Every row of both fixture runs cut to its first repeat, as `-n 1` records it. */
  function oneRepeat(run: ResultsFile): ResultsFile {
    const copy = structuredClone(run);
    for (const row of copy.results) {
      row.repeats = 1;
      row.msgsPerSec = { ...row.msgsPerSec, runs: row.msgsPerSec.runs.slice(0, 1) };
      row.latencyUs = { ...row.latencyUs, p99Runs: [row.latencyUs.p99] };
    }
    return copy;
  }

  it('treats p99 like msgs/s with one repeat: the ratio of the two p99s, no interval, no mark', () => {
    const report = compareRuns(oneRepeat(a), oneRepeat(b));
    const c = pick(report.comparisons, 'event-loop', 'echo-small c=16');
    for (const estimate of [c.msgsPerSec, c.p99Us]) {
      expect(estimate.ci95).toBeNull();
      expect(estimate.p).toBeNull();
      expect(estimate.note).toBe('CI unavailable: 1 repeat');
      expect(estimate.mark).toBe('');
    }
    expect(c.p99Us.ratio).toBeCloseTo(c.p99Us.b / c.p99Us.a, 12);
    expect(c.p99Us.ratio).toBeGreaterThan(1.98);
    for (const line of tableRows(comparisonTable(report))) expect(line).not.toMatch(/\*|n\.s\./);
  });

  it('labels a bootstrap interval (no per-repeat p99s kept) as sampling noise only and gives it no mark', () => {
    const [runA, runB] = [structuredClone(a), structuredClone(b)];
    for (const row of [...runA.results, ...runB.results]) delete row.latencyUs.p99Runs;
    const report = compareRuns(runA, runB);
    const { p99Us } = pick(report.comparisons, 'event-loop', 'echo-small c=16');
    expect(p99Us.ci95![0]).toBeGreaterThan(1);
    expect(p99Us.note).toBe('CI: sampling noise only');
    expect(p99Us.mark).toBe('');
    const line = tableLine(comparisonTable(report), 'p99', 'event-loop', 'echo-small c=16');
    expect(line).toContain('sampling noise only');
    expect(line).not.toContain('*');
  });

  it('marks p99 when both runs kept a p99 per repeat', () => {
    const [runA, runB] = [structuredClone(a), structuredClone(b)];
    const [rowA, rowB] = [rowOf(runA, 'event-loop', 'echo-small c=16'), rowOf(runB, 'event-loop', 'echo-small c=16')];
    rowA.latencyUs.p99Runs = [800, 820, 840];
    rowB.latencyUs.p99Runs = [1600, 1640, 1680];
    const { p99Us } = pick(compareRuns(runA, runB).comparisons, 'event-loop', 'echo-small c=16');
    expect(p99Us.ratio).toBeCloseTo(2, 9);
    expect(p99Us.mark).toBe('***');
  });
});

describe('npm run compare (CLI)', () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((cleanup) => cleanup()));
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

  it('fits every line in 120 columns, with a header over the significance column', () => {
    const result = run(FIXTURE_A, FIXTURE_B);
    expect(result.status).toBe(0);
    for (const line of result.stdout.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(120);
    const headers = tableRows(result.stdout).filter((line) => line.includes('B/A [95% CI]'));
    expect(headers).toHaveLength(2);
    for (const header of headers) expect(header).toMatch(/│ B\/A \[95% CI\]\s+│ sig\.\s+│ notes\s+│$/);
  });

  it('warns of a machine difference in the text, and lists it in --json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'echolab-compare-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const other = structuredClone(b);
    other.env.cpuModel = 'A CPU model name long enough to wrap: Intel(R) Xeon(R) Platinum 8488C @ 2.40GHz, 48 cores';
    const file = path.join(dir, 'results.json');
    writeFileSync(file, JSON.stringify(other));
    const text = run(FIXTURE_A, file);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Warning: A and B differ');
    for (const line of text.stdout.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(120);
    const json = run('--json', FIXTURE_A, file);
    const parsed = JSON.parse(json.stdout) as { differences: { what: string; b: string }[] };
    expect(parsed.differences).toEqual([{ what: 'CPU', a: a.env.cpuModel, b: other.env.cpuModel }]);
  });

  it('rejects a missing run and a single argument with distinct exit codes', () => {
    expect(run(FIXTURE_A).status).toBe(2);
    expect(run(FIXTURE_A, '/no/such/run').status).toBe(20);
  });
});

describe('compare and capacity searches', () => {
  it('leaves search steps out (their rates differ run to run), says so, and lists unpaired rows one a line within 120 columns', () => {
    const open = a.results.find((row) => row.mode === 'open')!;
    const steps = (run: ResultsFile, rates: number[]): ResultsFile => ({
      ...run,
      results: [
        ...run.results,
        ...rates.map((rate, i) => ({ ...structuredClone(open), scenario: 'capacity', targetRate: rate, rateSearch: { slo: { percentile: 'p99' as const, objectiveUs: 10_000 }, step: i + 1, passed: true, clientBound: false } })),
      ],
    });
    const [withA, withB] = [steps(a, [1000, 2000, 4000]), steps(b, [1200, 2400])];
    const report = compareRuns(withA, withB);
    expect(report.comparisons.some((comparison) => comparison.scenario === 'capacity')).toBe(false);
    expect(report.onlyInA.concat(report.onlyInB).some((row) => row.includes('capacity'))).toBe(false);
    expect(report.searchesNotCompared).toEqual(['capacity']);
    const text = comparisonTable(report);
    expect(text).toMatch(/Not compared: the capacity searches in capacity\./);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(120);

    const onlyA = compareRuns(a, { ...b, results: b.results.filter((row) => row.model !== 'fork') });
    expect(onlyA.onlyInA.length).toBeGreaterThan(1);
    const listed = comparisonTable(onlyA).split('\n');
    const from = listed.indexOf('Only in A:');
    expect(listed.slice(from + 1, from + 1 + onlyA.onlyInA.length)).toEqual(onlyA.onlyInA.map((row) => `  ${row}`));
  });
});
