/** results.json against its JSON Schema: good files pass, a damaged one is refused naming its first bad field. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkResults } from '../../src/results/check-results.js';
import { RESULTS_SCHEMA } from '../../src/results/schema.js';
import { FIXTURE_A, FIXTURE_B } from '../report/fixture-run.js';

const read = (file: string | URL) => JSON.parse(readFileSync(file, 'utf8'));

/** Fixture A with one change; the path is a results.json path as the messages write it. */
function damaged(change: (file: any) => void): unknown {
  const file = read(FIXTURE_A);
  change(file);
  return file;
}

describe('checkResults', () => {
  it('passes the fixtures', () => {
    for (const file of [FIXTURE_A, FIXTURE_B]) expect(() => checkResults(read(file))).not.toThrow();
  });

  it.each([
    ['a string for a number', (f: any) => (f.results[2].msgsPerSec.median = 'fast'), 'results[2].msgsPerSec.median must be a number'],
    ['a string for a latency', (f: any) => (f.results[2].latencyUs.p99 = 'fast'), 'results[2].latencyUs.p99 must be a number or null'],
    ["a string for a repeat's p99", (f: any) => (f.results[2].latencyUs.p99Runs = [5, 'slow']), 'results[2].latencyUs.p99Runs[1] must be a number or null'],
    ['a missing field', (f: any) => delete f.results[1].msgsPerSec, 'results[1].msgsPerSec is missing'],
    ['a missing top-level field', (f: any) => delete f.runId, 'runId is missing'],
    ['a value outside its list', (f: any) => (f.results[0].status = 'fine'), 'results[0].status must be one of ok, empty, failed, incomplete'],
    ['a mistyped server sample', (f: any) => (f.results[0].server.series[3].tMs = '300'), 'results[0].server.series[3].tMs must be a number'],
    ['a mistyped client figure', (f: any) => (f.results[0].client.cpuPercent = null), 'results[0].client.cpuPercent must be a number'],
    ['a range that is not a pair', (f: any) => (f.results[0].msgsPerSec.range = [1]), 'results[0].msgsPerSec.range must NOT have fewer than 2 items'],
    ['an odd key with a bad count', (f: any) => (f.results[0].errors['no such kind'] = 1.5), 'results[0].errors["no such kind"] must be an integer'],
    ['a placement that is no object', (f: any) => (f.env.placement = 'cpu 0'), 'env.placement must be an object'],
    ['no object at all', (f: any) => (f.results = {}), 'results must be an array'],
  ])('refuses %s, naming it', (_, change, message) => {
    expect(() => checkResults(damaged(change))).toThrow(new RegExp(`^${message.replace(/[[\]().*+?^$]/g, '\\$&')}$`));
  });

  it('allows null where a figure may be unmeasured, and names the other types a field may take', () => {
    const row = read(FIXTURE_A).results[0];
    const unanswered = { p50: null, p90: null, p99: null, p999: null, max: null, mean: null, count: 0, histogram: '', p99Runs: [null, null] };
    expect(() => checkResults(damaged((f) => (f.results = [{ ...row, latencyUs: unanswered }])))).not.toThrow();
    const abandoned = { clients: 10, departed: 10, floodMs: 5, deadlineSec: 30, firstEchoMs: null, serverCpuSec: null, serverAbandoned: null, departureBytes: 1, owedEchoes: null };
    expect(() => checkResults(damaged((f) => (f.results = [{ ...row, abandoned }])))).not.toThrow();
    expect(() => checkResults(damaged((f) => (f.results = [{ ...row, abandoned: { ...abandoned, firstEchoMs: 'soon' } }])))).toThrow(
      /^results\[0\]\.abandoned\.firstEchoMs must be a number or null$/,
    );
  });

  it('says which version a file from another version of echolab is', () => {
    expect(() => checkResults(damaged((f) => (f.schema = 'echolab/results@0')))).toThrow(`schema is "echolab/results@0", this version reads ${RESULTS_SCHEMA}`);
    expect(() => checkResults(damaged((f) => delete f.schema))).toThrow(/^schema is missing$/);
    expect(() => checkResults([])).toThrow(/^the top level must be an object$/);
  });
});
