import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalError, ReportExit } from '../../src/shared/exit-codes.js';
import { loadRun } from '../../src/report/load.js';
import { RESULTS_SCHEMA } from '../../src/results/schema.js';
import { FIXTURE_A, fixtureRunDir } from './fixture-run.js';

const REPORT_CLI = path.resolve('dist/src/cli/report.js');
const scratch = fixtureRunDir();
afterAll(() => scratch.remove());

function file(name: string, content: string): string {
  const target = path.join(scratch.dir, name);
  writeFileSync(target, content);
  return target;
}

async function rejectionOf(target: string): Promise<FatalError> {
  const error = await loadRun(target).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FatalError);
  return error as FatalError;
}

const exitCodeOf = async (target: string) => (await rejectionOf(target)).exitCode;

/** The one-line message of a file that is JSON but not a results file. */
async function messageOf(target: string): Promise<string> {
  const error = await rejectionOf(target);
  expect(error.exitCode).toBe(ReportExit.notResults);
  return error.message;
}

/** A fresh copy of fixture A's contents, to damage. */
const fixture = () => JSON.parse(readFileSync(FIXTURE_A, 'utf8'));

describe('loading a run', () => {
  it('accepts a run directory or its results.json', async () => {
    expect((await loadRun(scratch.dir)).results.runId).toBe('fixture-a');
    expect((await loadRun(FIXTURE_A)).dir).toBe(path.dirname(FIXTURE_A));
  });

  it('tells a missing run, a non-JSON file and a foreign JSON file apart by exit code', async () => {
    const empty = path.join(scratch.dir, 'empty-run');
    mkdirSync(empty);
    expect(await exitCodeOf(path.join(scratch.dir, 'no-such-run'))).toBe(ReportExit.notFound);
    expect(await exitCodeOf(empty)).toBe(ReportExit.notFound);
    expect(await exitCodeOf(file('truncated.json', '{"schema": "echolab/results@2", "runId"'))).toBe(ReportExit.notJson);
    expect(await exitCodeOf(file('other.json', '{"name": "not a results file"}'))).toBe(ReportExit.notResults);
  });

  it('refuses a run an older echolab wrote, asking for a new run, in one line', async () => {
    const older = JSON.parse(readFileSync(FIXTURE_A, 'utf8'));
    older.schema = 'echolab/results@1';
    delete older.scenarios;
    const target = file('older.json', JSON.stringify(older));
    expect(await exitCodeOf(target)).toBe(ReportExit.notResults);
    await expect(loadRun(target)).rejects.toThrow(
      `${target} is a run from an older echolab (echolab/results@1; this one reads echolab/results@3): re-run the bench (npm run bench) to report on it`,
    );
  });

  it('names the first bad field of a damaged results file, in one line', async () => {
    const damaged = fixture();
    damaged.results[2].msgsPerSec.median = 'fast';
    const target = file('damaged.json', JSON.stringify(damaged));
    expect(await messageOf(target)).toBe(`${target} is not an echolab results file: results[2].msgsPerSec.median must be a number`);
    delete damaged.results[2].latencyUs;
    expect(await messageOf(file('damaged.json', JSON.stringify(damaged)))).toMatch(/: results\[2\]\.latencyUs is missing$/);
    expect(await messageOf(file('other.json', '{"name": "not a results file"}'))).toMatch(/: schema is missing$/);
  });

  it('names the version of a results file from another version of echolab', async () => {
    const target = file('newer.json', JSON.stringify({ ...fixture(), schema: 'echolab/results@99' }));
    expect(await messageOf(target)).toBe(`${target} is not an echolab results file: schema is "echolab/results@99", this version reads ${RESULTS_SCHEMA}`);
  });
});

describe('npm run report (CLI)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [REPORT_CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('writes the charts and the page and says where', () => {
    const result = run(scratch.dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(path.join(scratch.dir, 'report.html'));
  });

  it('answers bad input with one line and a distinct exit code, no stack trace', () => {
    const missing = run(path.join(scratch.dir, 'nope'));
    expect(missing.status).toBe(ReportExit.notFound);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const older = run(file('older-cli.json', JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_A, 'utf8')), schema: 'echolab/results@1' })));
    expect(older.status).toBe(ReportExit.notResults);
    expect(older.stderr).toMatch(/^report: .* is a run from an older echolab .*: re-run the bench \(npm run bench\) to report on it\n$/);
    expect(run().status).toBe(2);
    expect(run('--bogus', scratch.dir).status).toBe(2);
  });
});
