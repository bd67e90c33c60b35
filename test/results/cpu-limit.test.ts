/** A CPU-bound row above its cores' ceiling is marked impossible and never ranked as a winner. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aboveCpuLimit } from '../../src/results/cpu-limit.js';
import { rowMarks, rowStatus } from '../../src/results/row-status.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { cpuNarrative } from '../../src/report/narrative/cpu.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/results.json', import.meta.url), 'utf8')) as ResultsFile;
const cpuRows = () => structuredClone(fixture.results.filter((row) => row.scenario === 'cpu'));
/** A model that spreads its work over every CPU it is given. */
const parallelRow = () => cpuRows().find((row) => row.model === 'worker')!;

/** The row at `runs` msgs/s, on `cpus` pinned CPUs, with its server's CPU at `cpuPercent`. */
function at(row: ResultRow, runs: number[], cpus: number, cpuPercent = 180): ResultRow {
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    ...row,
    placement: { ...row.placement, pinned: true, serverCpus: Array.from({ length: cpus }, (_, i) => i) },
    msgsPerSec: { median: sorted[sorted.length >> 1]!, range: [sorted[0]!, sorted.at(-1)!], runs },
    server: { ...row.server!, cpuPercent },
  };
}

describe('the CPU limit of a row with work', () => {
  it('is crossed only when every repeat is above cores × 1e6 / work', () => {
    const row = parallelRow();
    expect(row!.workUsPerMessage).toBe(1000);
    expect(aboveCpuLimit(at(row!, [2150, 2171, 2200], 2))).toBe(true); // the reference run's worker: 2,171 on 2 cores
    expect(aboveCpuLimit(at(row!, [1900, 2171, 2200], 2))).toBe(false); // a repeat below: within the spread
    expect(aboveCpuLimit(at(row!, [1120], 1))).toBe(true); // --quick's event-loop: 1,120 on one thread
    expect(aboveCpuLimit(at(row!, [990, 995, 999], 1))).toBe(false);
  });

  it('holds a model that works on one thread to one core, whatever CPUs its server was given', () => {
    const eventLoop = { ...cpuRows().find((row) => row.model === 'event-loop')! };
    const over = at(eventLoop, [1010], 2);
    expect(aboveCpuLimit(over)).toBe(true); // --quick's event-loop: 1,010 msgs/s of 1 ms each, on two CPUs
    expect(rowMarks(over).join(' ')).toContain('impossible at 1000 µs of work per message on one thread (at most 1,000 msgs/s)');
    expect(aboveCpuLimit(at({ ...eventLoop, model: 'worker' }, [1010], 2))).toBe(false);
  });

  it('reads the CPU per message from the anatomy\'s exact counters where no thread ended, else from the sampler', async () => {
    const { serverCpuUsPerMessage } = await import('../../src/results/cpu-limit.js');
    const row = parallelRow();
    const sampled = at(row, [1000, 1010, 1020], 2, 78);
    const figures = { threads: 7, cpuUs: 948_000, userUs: null, systemUs: null, runDelayUs: 0, voluntarySwitches: 0, involuntarySwitches: 0, readCalls: 0, writeCalls: 0 };
    const anatomy = (endedThreads: number) => ({ answers: 1000, connectionsCompleted: 0, server: { ...figures, roles: [], endedThreads }, generator: null, cycles: null, instructions: null });
    expect(serverCpuUsPerMessage({ ...sampled, anatomy: anatomy(0) })).toBeCloseTo(948, 6);
    expect(serverCpuUsPerMessage({ ...sampled, anatomy: anatomy(2) })).toBeCloseTo((78 * 1e4) / 1010, 6); // the sampler: 78 % of a CPU over 1,010 msgs/s
  });

  it('marks such a row in the tables, with the CPU it spent per message', () => {
    const row = parallelRow();
    const over = at(row!, [2150, 2171, 2200], 2, 170.4);
    expect(rowStatus(over)).toBe('above CPU limit');
    const mark = rowMarks(over).join(' ');
    expect(mark).toContain('impossible at 1000 µs of work per message on 2 CPU(s) (at most 2,000 msgs/s)');
    expect(mark).toContain('785 µs of CPU per message');
  });

  it('never ranks it as the leader: the narrative leads with the best possible row and cautions about the other', () => {
    const oneThread = ['sequential', 'event-loop'];
    const rows = cpuRows().map((row) => at(row, row.model === 'worker' ? [2150, 2171, 2200] : oneThread.includes(row.model) ? [900, 910, 920] : [1500, 1510, 1520], 2));
    const text = cpuNarrative(rows, { ...fixture, results: rows }).filter(Boolean).join(' ');
    expect(text).not.toMatch(/worker (led|reached)/);
    expect(text).toMatch(/Caution: worker exceeded the machine's limit/);
  });
});

describe('the cpu narrative on the work calibration', () => {
  it('says every server burned the same rounds, and how far the machine drifted from the calibration by the end', () => {
    const rows = cpuRows().map((row) => ({ ...row, workRoundsPerMessage: 6_268 }));
    const work = { start: { iterationsPerUs: 6.29, overheadUs: 3, cpus: [0] }, end: { iterationsPerUs: 5.66, overheadUs: 3, cpus: [0] } };
    const text = cpuNarrative(rows, { ...fixture, results: rows, work }).filter(Boolean).join(' ');
    expect(text).toContain('Every server burned the same 6,268 hash rounds per message, from one calibration before the first point (6.29 rounds/µs); the same calibration after the last point read 5.66 rounds/µs, 0.9× the first: the machine ran at a different speed by the end');
  });
});

describe('the cpu narrative over a connections sweep (-c 1,64)', () => {
  it('ranks the models at the most connections, never a model against itself at another count', () => {
    const rows = cpuRows().flatMap((row) => [
      { ...at(row, [400, 410, 420], 2), connections: 1 },
      { ...at(row, row.model === 'fork' ? [900, 910, 920] : [600, 610, 620], 2), connections: 64 },
    ]);
    const text = cpuNarrative(rows, { ...fixture, results: rows }).filter(Boolean).join(' ');
    expect(text).toMatch(/^fork led with 910 msgs\/s, 1\.49× the next \((?!fork)/);
  });
});

describe('the cpu narrative on what the rounds cost inside the servers', () => {
  it('gives the range of CPU per message the servers spent, and says when every one was above the nominal work the limits assume', () => {
    const figures = (cpuUs: number) => ({ threads: 7, cpuUs, userUs: null, systemUs: null, runDelayUs: 0, voluntarySwitches: 0, involuntarySwitches: 0, readCalls: 0, writeCalls: 0 });
    const withCost = (row: ResultRow, usPerMessage: number): ResultRow => ({
      ...row,
      workRoundsPerMessage: 6_607,
      anatomy: { answers: 1000, connectionsCompleted: 0, server: { ...figures(usPerMessage * 1000), roles: [], endedThreads: 0 }, generator: null, cycles: null, instructions: null },
    });
    const work = { start: { iterationsPerUs: 6.64, overheadUs: 4, cpus: [0] }, end: null };
    const text = (costs: number[]) => {
      const rows = cpuRows().map((row, i) => withCost(at(row, [500, 510, 520], 2), costs[i % costs.length]!));
      return cpuNarrative(rows, { ...fixture, results: rows, work }).filter(Boolean).join(' ');
    };
    expect(text([1_240, 2_050])).toContain('Inside the servers a message cost 1,240 to 2,050 µs of CPU, echo and all (the kernel\'s counters): more than the 1000 µs the limits above assume, so no model could reach them.');
    expect(text([990, 1_500])).toContain('Inside the servers a message cost 990 to 1,500 µs of CPU, echo and all (the kernel\'s counters).');
  });
});
