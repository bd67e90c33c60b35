/** results.csv beside results.json: every row, its idle connections, and nothing written where nothing was measured; a row's .hlog beside them. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsWriter } from '../../src/harness/output/results-writer.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from '../report/fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const root = mkdtempSync(join(tmpdir(), 'echolab-csv-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** results.csv as one record per row, keyed by column name (quoted cells unquoted). */
function readCsv(): Record<string, string>[] {
  const writer = new ResultsWriter(root, 'csv-run');
  writer.save(fixture);
  const [head, ...lines] = readFileSync(join(writer.dir, 'results.csv'), 'utf8').trimEnd().split('\n');
  const split = (line: string) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"(.*)"$/, '$1').replaceAll('""', '"'));
  const names = split(head!);
  return lines.map((line) => Object.fromEntries(split(line).map((cell, i) => [names[i], cell])));
}

describe('results.csv', () => {
  const records = readCsv();
  const record = (scenario: string, model: string) => records[fixture.results.findIndex((row) => row.scenario === scenario && row.model === model)]!;

  it('has one record per row, with its idle connections beside its connections', () => {
    expect(records).toHaveLength(fixture.results.length);
    expect(record('slow-client', 'fork')).toMatchObject({ connections: '15', idle_connections: '1' });
    expect(record('echo-large', 'fork')).toMatchObject({ connections: '8', idle_connections: '0' });
  });

  it('leaves a latency that was not measured empty, never 0 or "null"', () => {
    const silent = record('slow-client', 'sequential');
    for (const column of ['p50_us', 'p90_us', 'p99_us', 'p999_us', 'max_us']) expect(silent[column], column).toBe('');
    expect(silent).toMatchObject({ status: 'empty', empty_reason: 'no message answered in 6 s; the server reported 15 connection(s) waiting in its queue' });
    expect(Number(record('slow-client', 'fork').p99_us)).toBeGreaterThan(0);
  });
});

describe('a row\'s interval log', () => {
  // One interval of one message: what the writer reads of a series is only that there is one.
  const series = { intervalMs: 100, firstMs: 0, spanMs: 100, messages: [1], msgsPerSec: [10], p50Us: [50], p99Us: [50], maxUs: [50], errors: [0], serverCpuPercent: null, serverRssMiB: null, serverPssMiB: null };
  const withSeries: ResultRow = { ...fixture.results[0]!, intervals: series };

  it('is written under hlog/ and named in the row saved, the measured row left as it was', () => {
    const writer = new ResultsWriter(root, 'hlog-run');
    const saved = writer.withIntervalLog({ row: withSeries, hlog: '#[a log]\n' }, 3);
    const name = join('hlog', `003-${withSeries.scenario}-${withSeries.model}.hlog`);
    expect(saved.intervals!.hlog).toBe(name);
    expect(readFileSync(join(writer.dir, name), 'utf8')).toBe('#[a log]\n');
    expect(withSeries.intervals!.hlog).toBeUndefined();
  });

  it('is not invented for a row without one', () => {
    const writer = new ResultsWriter(root, 'no-hlog-run');
    expect(writer.withIntervalLog({ row: withSeries }, 0)).toBe(withSeries);
    expect(writer.withIntervalLog({ row: { ...withSeries, intervals: undefined }, hlog: '#[a log]\n' }, 0).intervals).toBeUndefined();
    expect(existsSync(join(writer.dir, 'hlog'))).toBe(false);
  });
});
