/**
 * `npm run readme` rewrites the generated sections where they live: the reference run in README.md,
 * the targets table in docs/performance.md, the reliability table in docs/reliability.md. Run on
 * copies of those pages in a scratch directory, with the synthetic results fixture.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mainTextWords, README_WORDS } from '../../src/report/prose-budget.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README_SCRIPT = join(ROOT, 'dist/bench/readme.js');

const TARGET = { goal: 0.9, note: '', numerator: [], denominator: [], medianNumerator: 0, medianDenominator: 0, ratio: null, met: 'skipped' };
const TARGETS_FILE = {
  env: { placement: { note: 'server on cpu 0, generator on cpu 1 (taskset)' }, date: '2026-01-02T00:00:00.000Z' },
  rounds: 2,
  seconds: 2,
  targets: [
    { ...TARGET, id: 1, name: 'generator / native client', note: 'skipped: no reference sources in /nowhere' },
    { ...TARGET, id: 2, name: 'piscina / event-loop', numerator: [19_000, 20_000], denominator: [62_000, 63_000], medianNumerator: 19_500, medianDenominator: 62_500, ratio: 0.312, met: 'NO' },
  ],
};
const FLOOD = { test: 'flood', model: 'fork', at: '2026-01-03T04:05:06Z', cap: 64, connections: 2000, 'peak-processes': 65, 'peak-threads': 455, 'rss-growth': '12.3 MiB', bound: '5120.0 MiB' };

let dir = '';
const page = (name: string) => readFileSync(join(dir, name), 'utf8');
/** The page's text between a section's markers, markers included. */
const section = (text: string, name: string) => text.slice(text.indexOf(`<!-- section:${name} -->`), text.indexOf(`<!-- /section:${name} -->`));
/** The page's text with a section cut out: what the generator must leave as it was. */
const outside = (text: string, name: string) => text.replace(section(text, name), '');
const readme = (...args: string[]) => spawnSync(process.execPath, [README_SCRIPT, 'run', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'echolab-readme-'));
  copyFileSync(join(ROOT, 'README.md'), join(dir, 'README.md'));
  cpSync(join(ROOT, 'docs'), join(dir, 'docs'), { recursive: true });
  mkdirSync(join(dir, 'run'));
  copyFileSync(join(ROOT, 'test/fixtures/results.json'), join(dir, 'run/results.json'));
  mkdirSync(join(dir, 'results'));
  writeFileSync(join(dir, 'results/targets.json'), JSON.stringify(TARGETS_FILE));
  writeFileSync(join(dir, 'reliability.jsonl'), `${JSON.stringify(FLOOD)}\n`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run readme', () => {
  it('writes the reference run into README.md, the targets into docs/performance.md, reliability into docs/reliability.md', () => {
    const before = { readme: page('README.md'), performance: page('docs/performance.md'), reliability: page('docs/reliability.md') };
    const run = readme('--targets', 'results/targets.json', '--reliability', 'reliability.jsonl');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const after = { readme: page('README.md'), performance: page('docs/performance.md'), reliability: page('docs/reliability.md') };
    expect(section(after.readme, 'tradeoffs')).toContain('## Reference run and what it shows');
    expect(section(after.readme, 'tradeoffs')).toContain('[`run/`](run/)');
    expect(section(after.readme, 'tradeoffs')).toContain('Synthetic fixture CPU');
    expect(outside(after.readme, 'tradeoffs')).toBe(outside(before.readme, 'tradeoffs'));

    const targets = section(after.performance, 'targets');
    expect(targets).toContain('on 2026-01-02 ([targets.json](../results/targets.json))'); // linked from docs/, not from the root
    expect(targets).toContain('| 2 | piscina / event-loop | 19,500 | 62,500 | 0.312 | ≥ 0.9 | NO |');
    // A skipped target was not measured: no figure, not the 0 its file holds.
    expect(targets).toContain('| 1 | generator / native client (skipped: no reference sources in /nowhere) | — | — | — | ≥ 0.9 | skipped |');
    expect(outside(after.performance, 'targets')).toBe(outside(before.performance, 'targets'));

    const reliability = section(after.reliability, 'reliability-measured');
    expect(reliability).toContain('test run of 2026-01-03 04:05 UTC');
    expect(reliability).toMatch(/\| fork \| n\/a \| 64 of 2000 \| 65 \/ 455 \| 12\.3 MiB \(< 5120\.0 MiB\) \|/);
    expect(outside(after.reliability, 'reliability-measured')).toBe(outside(before.reliability, 'reliability-measured'));
  });

  it('opens the reference section with the scoreboard, and keeps its text outside <details> within the word budget', () => {
    expect(readme().status).toBe(0);
    const reference = section(page('README.md'), 'tradeoffs');
    const lines = reference.split('\n');
    expect(lines.slice(1, 5)).toEqual(['## Reference run and what it shows', '', expect.stringMatching(/^\| Model \| echo-small \(msgs\/s c=64 ↑\) \|/), '|---|---:|---:|---:|---:|---:|---:|']);
    expect(reference).toContain('| event-loop | **69,400** |');
    expect(mainTextWords(reference)).toBeLessThanOrEqual(README_WORDS);
    // Every scenario's sentences are behind a summary; the tradeoffs follow the scoreboard.
    expect(reference).toContain('### echo-small\n\n<details><summary>What echo-small shows</summary>');
    expect(reference.indexOf('### Tradeoffs')).toBeGreaterThan(reference.indexOf('| reuseport |'));
    expect(reference.indexOf('### Tradeoffs')).toBeLessThan(reference.indexOf('### echo-small'));
  });

  it('keeps the committed reference run’s section within the word budget', () => {
    // The run the README links to, as committed: what a reader of the repository sees.
    const run = /\[`(results\/[^`/]+)\/`\]/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))![1]!;
    cpSync(join(ROOT, run, 'results.json'), join(dir, 'run/results.json'));
    expect(readme().status).toBe(0);
    const reference = section(page('README.md'), 'tradeoffs');
    expect(reference.split('\n')[3]).toMatch(/^\| Model \|/);
    expect(mainTextWords(reference)).toBeLessThanOrEqual(README_WORDS);
  });

  it('changes no page when one of them lacks its section', () => {
    writeFileSync(join(dir, 'docs/performance.md'), page('docs/performance.md').replace('<!-- section:targets -->', ''));
    const before = { readme: page('README.md'), performance: page('docs/performance.md') };
    const run = readme('--targets', 'results/targets.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('docs/performance.md has no <!-- section:targets -->');
    expect(page('README.md')).toBe(before.readme);
    expect(page('docs/performance.md')).toBe(before.performance);
  });
});

describe('the Tradeoffs section', () => {
  /** The fixture as run on a 4-core machine, echo-small swept to 32 connections, 2 ms of work per cpu message, cluster clearly first. */
  function otherRun(): unknown {
    const run = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/results.json'), 'utf8'));
    run.env.cores = 4;
    for (const row of run.results) {
      if (row.scenario === 'echo-small' && row.connections === 64) {
        row.connections = 32;
        if (row.fairness.starved > 0) row.fairness.starved = 31;
      }
      if (row.scenario === 'cpu') row.workUsPerMessage = 2000;
      if (row.scenario === 'echo-small' && row.connections === 32 && row.model === 'cluster') {
        row.msgsPerSec = { median: 500_000, range: [490_000, 510_000], runs: [490_000, 500_000, 510_000] };
        row.client.clientBound = false;
      }
    }
    return run;
  }

  it('says each server’s claims from this run’s rows, none typed by hand', () => {
    writeFileSync(join(dir, 'run/results.json'), JSON.stringify(otherRun()));
    const run = readme();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const tradeoffs = section(page('README.md'), 'tradeoffs');
    expect(tradeoffs).toContain('noisy 4-core machine');
    expect(tradeoffs).toContain('- **cluster** (one event-loop process per core sharing the port) is first in echo-small (500,000 msgs/s)');
    expect(tradeoffs).not.toMatch(/- \*\*event-loop\*\* \([^)]*\) is first in echo-small/);
  });
});
