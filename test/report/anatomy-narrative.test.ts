/** The narrative's causes cite the rows' anatomy: measured CPU, run-queue wait and switches per message, never a figure that was not read. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anatomySentence } from '../../src/report/narrative/anatomy.js';
import type { ResultRow, ResultsFile, SideAnatomy } from '../../src/results/schema.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/results.json', import.meta.url), 'utf8')) as ResultsFile;
const at64 = (model: string) => structuredClone(fixture.results.find((row) => row.scenario === 'echo-small' && row.connections === 64 && row.model === model)!);

function side(cpuUs: number, runDelayUs: number, switches: number, roles: [string, number][], endedThreads = 0): SideAnatomy {
  const figures = { threads: roles.length, cpuUs, userUs: null, systemUs: null, runDelayUs, voluntarySwitches: switches, involuntarySwitches: 0, readCalls: 1000, writeCalls: 1000 };
  return { ...figures, endedThreads, roles: roles.map(([role, cpu]) => ({ ...figures, role, cpuUs: cpu })) };
}

const withAnatomy = (row: ResultRow, server: SideAnatomy | null): ResultRow => ({ ...row, anatomy: { answers: 1000, connectionsCompleted: 0, server, generator: null, cycles: null, instructions: null } });

describe('the anatomy sentence', () => {
  it('sets the costliest model beside the cheapest, per message, with where the costlier one spent its CPU', () => {
    const rows = [
      withAnatomy(at64('worker'), side(98_200, 1_800_000, 1050, [['connection threads', 88_400], ['main thread', 9_800]])),
      withAnatomy(at64('event-loop'), side(12_800, 27_100, 49, [['main thread', 12_300], ['runtime threads (V8, libuv)', 500]])),
    ];
    expect(anatomySentence(rows, 'at 64 connections')).toBe(
      "The cost of one message at 64 connections, from the kernel's counters: worker 98.2 µs of CPU, 1,800 µs waiting for a CPU and 1.05 context switches (connection threads 90 %); event-loop 12.8 µs of CPU, 27.1 µs waiting for a CPU and 0.049 context switches.",
    );
  });

  it('says "at least" where threads ended between the reads, and says nothing where fewer than two rows were read', () => {
    const rows = [withAnatomy(at64('fork'), side(200_000, 0, 3000, [['connection processes', 200_000]], 12)), withAnatomy(at64('event-loop'), side(12_800, 0, 49, [['main thread', 12_800]]))];
    expect(anatomySentence(rows, 'here')).toContain('fork at least 200 µs of CPU');
    expect(anatomySentence([rows[1]!, withAnatomy(at64('worker'), null)], 'here')).toBeNull();
  });
});
