/**
 * One calibration of the work hash per run: every server with work burns the rounds the bench gives
 * it (serve --work-rounds), and results.json records the calibration, its repeat after the last point,
 * and each row's rounds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateWork, roundsPerBlock } from '../../src/harness/plan/work-calibration.js';
import { startServer, killTree } from '../../src/harness/server/server-process.js';
import { checkResults } from '../../src/results/check-results.js';
import { runBench } from '../helpers/bench-run.js';

const started: number[] = [];
afterAll(() => {
  for (const pid of started) killTree(pid);
});

describe('the work calibration', () => {
  it('is measured in a process of its own, pinned where asked, and gives the rounds for a nominal work', async () => {
    const calibration = await calibrateWork([0]);
    expect(calibration.cpus).toEqual([0]);
    expect(calibration.iterationsPerUs).toBeGreaterThan(0);
    expect(roundsPerBlock(calibration, 1000)).toBe(Math.round((1000 - calibration.overheadUs) * calibration.iterationsPerUs));
  });

  it('a server given --work-rounds burns those rounds instead of calibrating on its own, and says so', async () => {
    const server = await startServer('event-loop', { args: ['--log-level', 'info', '--work-us', '1000', '--work-rounds', '4321'] });
    started.push(server.pid);
    await server.stop();
    expect(server.stderr()).toContain('work: 1000 µs per 64 B, given as 4321 hash rounds per block');
    expect(server.stderr()).not.toContain('calibrated:');
  });

  it('bench calibrates once, gives every server the same rounds, and records both calibrations and each row\'s rounds', async () => {
    const run = await runBench(['--scenarios', 'cpu', '--models', 'event-loop,worker', '-c', '2', '-d', '0.3', '-W', '0.1', '-n', '1']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/work: calibrated once on cpu [\d,-]+: [\d.]+ hash rounds\/µs \+ [\d.]+ µs a call; 1000 µs of work = [\d,]+ rounds per message, for every server/);
    const results = run.results!;
    expect(() => checkResults(results)).not.toThrow();
    const rounds = roundsPerBlock(results.work!.start, 1000);
    expect(results.work!.end!.iterationsPerUs).toBeGreaterThan(0);
    expect(results.results.length).toBeGreaterThanOrEqual(4); // two models at 1 core and at all
    for (const row of results.results) expect(row.workRoundsPerMessage, `${row.model} cores=${row.serverCores}`).toBe(rounds);
  });
});
