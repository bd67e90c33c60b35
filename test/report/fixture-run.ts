/** A throw-away run directory holding a copy of a fixture results file, for tests that write charts into it. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures, from the source tree or from dist/test (vitest runs the sources). */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const FIXTURE_A = path.join(FIXTURES, 'results.json');
export const FIXTURE_B = path.join(FIXTURES, 'results-b.json');

export function fixtureRunDir(fixture = FIXTURE_A): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'echolab-report-'));
  copyFileSync(fixture, path.join(dir, 'results.json'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A run shaped like a --quick one: the fixture with echo-small at one connection count only (quick
 * runs one point of each scenario), so a chart across connection counts has a single column.
 */
export function quickShapedRunDir(): { dir: string; remove(): void } {
  const run = fixtureRunDir();
  const file = path.join(run.dir, 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as { results: { scenario: string; connections: number }[] };
  const fewest = Math.min(...results.results.filter((row) => row.scenario === 'echo-small').map((row) => row.connections));
  results.results = results.results.filter((row) => row.scenario !== 'echo-small' || row.connections === fewest);
  writeFileSync(file, JSON.stringify(results));
  return run;
}

/** Every chart the fixture has data for: the fixture covers every scenario of the default suite. */
export const EXPECTED_CHARTS = [
  'scoreboard',
  'throughput-vs-connections',
  'latency-percentiles',
  'latency-spectrum-open',
  'cpu-vs-machine-limit',
  'churn-connections',
  'churn-server-over-time',
  'slow-client-fairness',
  'server-cost',
];

/** The charts that draw each model in its colour (the scoreboard's heat map colours by score). */
export const MODEL_CHARTS = EXPECTED_CHARTS.filter((name) => name !== 'scoreboard');
