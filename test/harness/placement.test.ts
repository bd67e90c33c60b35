/** Placement on simulated machines: the plan is a pure function of the usable CPUs and the options. */
import { describe, expect, it } from 'vitest';
import { defaultGeneratorCores, generatorCpuOf, placementFor, placementsFor, planCpus, type CpuRequest } from '../../src/harness/plan/placement.js';
import { formatCpuList, parseCpuList } from '../../src/shared/cpu-list.js';
import { UsageError } from '../../src/shared/exit-codes.js';

const cpus = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
const plan = (request: Partial<CpuRequest> & { usable: number[] }) => planCpus({ taskset: true, ...request });

describe('the default placement on machines of every size', () => {
  it.each([
    // cores, generator CPUs, server CPUs ('rest')
    [2, '1', '0'],
    [4, '3', '0-2'],
    [16, '12-15', '0-11'],
    [64, '48-63', '0-47'],
    [96, '72-95', '0-71'],
  ])('%i cores: generator on cpu %s (one process per core), server on cpu %s', (cores, generator, server) => {
    const split = plan({ usable: cpus(cores) });
    expect(split.pinned).toBe(true);
    expect(formatCpuList(split.generatorCpus)).toBe(generator);
    expect(formatCpuList(split.serverCpus)).toBe(server);
    expect(split.processes).toBe(split.generatorCpus.length);
    const rest = placementFor(split, 'rest');
    expect(rest.serverCpus!.some((cpu) => rest.generatorCpus!.includes(cpu))).toBe(false);
  });

  it('gives the generator a quarter of the CPUs, at least one', () => {
    expect([1, 2, 3, 4, 7, 8, 16, 64, 96].map(defaultGeneratorCores)).toEqual([1, 1, 1, 1, 1, 2, 4, 16, 24]);
  });

  it('leaves one CPU unpinned, and says why', () => {
    const split = plan({ usable: [0] });
    expect(split).toMatchObject({ pinned: false, processes: 1 });
    expect(placementFor(split, 'all')).toEqual({ pinned: false, serverCpus: null, generatorCpus: null, note: 'unpinned: only one CPU' });
    expect(placementFor(plan({ usable: cpus(8), taskset: false }), 'rest').note).toBe('unpinned: taskset not found, server and generator compete for CPUs');
  });

  it('uses the CPUs of a restricted affinity mask, not 0..n-1 (CPUs 4-7 of 8)', () => {
    const split = plan({ usable: cpus(4, 4) });
    expect(split).toMatchObject({ serverCpus: [4, 5, 6], generatorCpus: [7] });
    expect(placementFor(split, 'all').serverCpus).toEqual([4, 5, 6, 7]);
    expect(placementFor(split, 2).serverCpus).toEqual([4, 5]);
  });

  it('pins each generator process to its own core, in turn when there are more processes than cores', () => {
    expect([0, 1, 2, 3].map((i) => generatorCpuOf([12, 13, 14, 15], i))).toEqual([[12], [13], [14], [15]]);
    expect([0, 1, 2].map((i) => generatorCpuOf([6, 7], i))).toEqual([[6], [7], [6]]);
    expect(generatorCpuOf(null, 0)).toBeNull();
  });
});

describe('a core sweep: the server on its first k CPUs', () => {
  it('takes the server its own CPUs first, then the generator’s (shared, and said so)', () => {
    const sixteen = plan({ usable: cpus(16) });
    expect([1, 2, 4, 8].map((k) => placementFor(sixteen, k).serverCpus)).toEqual([[0], [0, 1], cpus(4), cpus(8)]);
    expect(placementFor(sixteen, 8).note).toBe('server on cpu 0-7, generator on cpu 12-15 (4 processes, one per core) (taskset)');
    const two = plan({ usable: cpus(2) });
    expect(placementFor(two, 1)).toMatchObject({ serverCpus: [0], generatorCpus: [1], note: 'server on cpu 0, generator on cpu 1 (taskset)' });
    expect(placementFor(two, 2).note).toBe('server on cpu 0-1 (sharing cpu 1 with the generator), generator on cpu 1 (taskset)');
    expect(placementFor(two, 'all').serverCpus).toEqual(placementFor(two, 2).serverCpus);
  });

  it('refuses a k above the CPUs the harness may use, before anything runs', () => {
    expect(() => placementsFor(plan({ usable: cpus(2) }), ['rest', 1, 4])).toThrow('--server-cores 4: the server can be given at most 2 CPUs here (0-1)');
  });

  it('places each kind once', () => {
    expect([...placementsFor(plan({ usable: cpus(4) }), ['rest', 1, 'all', 1]).keys()]).toEqual(['rest', 1, 'all']);
  });
});

describe('explicit CPU lists and --generators', () => {
  it('takes --server-cpus and --generator-cpus as given', () => {
    const split = plan({ usable: cpus(16), serverCpus: parseCpuList('server-cpus', '0-7'), generatorCpus: parseCpuList('generator-cpus', '8-11,14') });
    expect(split).toMatchObject({ serverCpus: cpus(8), generatorCpus: [8, 9, 10, 11, 14], processes: 5 });
    expect(placementFor(split, 'all').serverCpus).toEqual([...cpus(12), 14]);
  });

  it('fills in the other list from the CPUs left', () => {
    expect(plan({ usable: cpus(8), generatorCpus: [0, 1] })).toMatchObject({ serverCpus: [2, 3, 4, 5, 6, 7], generatorCpus: [0, 1] });
    expect(plan({ usable: cpus(8), serverCpus: [0, 1, 2] })).toMatchObject({ serverCpus: [0, 1, 2], generatorCpus: [6, 7] });
  });

  it('takes --generators N as the number of processes and, without lists, of generator cores', () => {
    expect(plan({ usable: cpus(16), generators: 2 })).toMatchObject({ generatorCpus: [14, 15], processes: 2 });
    // The server keeps a CPU of its own.
    expect(plan({ usable: cpus(4), generators: 8 })).toMatchObject({ serverCpus: [0], generatorCpus: [1, 2, 3], processes: 8 });
    expect(plan({ usable: cpus(16), generatorCpus: [15], generators: 3 })).toMatchObject({ generatorCpus: [15], processes: 3 });
    expect(plan({ usable: [0], generators: 2 })).toMatchObject({ pinned: false, processes: 2 });
  });

  it.each([
    [{ serverCpus: [4, 5, 6], generatorCpus: [6, 7] }, '--server-cpus and --generator-cpus share CPU 6: give each its own CPUs'],
    [{ serverCpus: [4, 9] }, '--server-cpus names CPU 9, which this process may not use (its CPUs: 4-7)'],
    [{ generatorCpus: [0, 1, 2, 3] }, '--generator-cpus names CPU 0-3, which this process may not use (its CPUs: 4-7)'],
    [{ generatorCpus: [4, 5, 6, 7] }, '--generator-cpus takes every CPU this process may use (4-7): leave the server at least one'],
    [{ serverCpus: [4, 5, 6, 7] }, '--server-cpus takes every CPU this process may use (4-7): name --generator-cpus too'],
    [{ serverCpus: [4], taskset: false }, '--server-cpus needs taskset (util-linux) to pin processes, and it was not found'],
  ])('refuses %o with one line', (request, message) => {
    const attempt = () => plan({ usable: cpus(4, 4), ...request });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('CPU lists', () => {
  it('reads and writes the kernel notation', () => {
    expect(parseCpuList('server-cpus', '8-11,14')).toEqual([8, 9, 10, 11, 14]);
    expect(parseCpuList('server-cpus', ' 3, 0-1 ,1')).toEqual([0, 1, 3]);
    expect(formatCpuList([0, 1, 2, 3, 6, 8, 9])).toBe('0-3,6,8-9');
  });

  it.each([
    ['', 'it is empty'],
    ['0-', "'0-' is not a CPU number or a range"],
    ['a', "'a' is not a CPU number or a range"],
    ['7-3', 'the range 7-3 runs backwards'],
    ['0-99999999', 'CPU 99999999 is above 4095'],
  ])("refuses '%s': %s", (raw, why) => {
    expect(() => parseCpuList('generator-cpus', raw)).toThrow(`--generator-cpus must be a CPU list like 0-7 or 8-11,14: ${why}, got '${raw}'`);
  });
});
