/** --server-cores as a sweep dimension, the CPU options, pool sizes following the server's CPUs, and the generator warnings. */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledScript } from '../../src/harness/compiled.js';
import { parseBenchArgs } from '../../src/harness/plan/bench-options.js';
import { hasTaskset, placementsFor, planCpus } from '../../src/harness/plan/placement.js';
import { generatorWarnings } from '../../src/harness/plan/preflight.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { expand } from '../../src/scenarios/scenario.js';
import { echoSmall } from '../../src/scenarios/echo-small.js';
import { cpu } from '../../src/scenarios/cpu.js';
import { baseRow } from '../../src/harness/rows/base-row.js';
import { UsageError } from '../../src/shared/exit-codes.js';

const options = (...argv: string[]) => {
  const parsed = parseBenchArgs(argv, DEFAULT_SUITE);
  if (parsed === 'help') throw new Error('help');
  return parsed;
};

describe('--server-cores', () => {
  it('is a list of core counts or all, one point per value', () => {
    expect(options('--scenarios', 'cpu', '--server-cores', '1,2,4,8').overrides.serverCores).toEqual([1, 2, 4, 8]);
    expect(options('--server-cores', 'all').overrides.serverCores).toEqual(['all']);
    expect(expand(cpu, options('--scenarios', 'cpu', '--server-cores', '1,all').overrides).map((point) => point.serverCores)).toEqual([1, 'all']);
  });

  it.each([
    ['0', "--server-cores must be a whole number from 1 to 4096, got '0'"],
    ['two', "--server-cores must be a whole number from 1 to 4096, got 'two'"],
    ['1.5', "--server-cores must be a whole number from 1 to 4096, got '1.5'"],
  ])("refuses '%s'", (raw, message) => {
    expect(() => options('--server-cores', raw)).toThrow(UsageError);
    expect(() => options('--server-cores', raw)).toThrow(message);
  });

  it('is refused with an external server, as --server-cpus is', () => {
    expect(() => options('--scenarios', 'echo-small', '--target', '127.0.0.1:9100', '--server-cores', '1')).toThrow('--target: --server-cores places the server, and an external server is not ours to pin');
    expect(() => options('--scenarios', 'echo-small', '--target', '127.0.0.1:9100', '--server-cpus', '0')).toThrow('--target: --server-cpus places the server');
  });

  it('reads the CPU lists and --generators, and leaves them out when not given', () => {
    expect(options('--server-cpus', '0-3', '--generator-cpus', '4,6', '--generators', '3')).toMatchObject({ serverCpus: [0, 1, 2, 3], generatorCpus: [4, 6], generators: 3 });
    const defaults = options();
    expect('generators' in defaults || 'serverCpus' in defaults || 'generatorCpus' in defaults).toBe(false);
    expect(() => options('--generator-cpus', '3-1')).toThrow("--generator-cpus must be a CPU list like 0-7 or 8-11,14: the range 3-1 runs backwards, got '3-1'");
  });

  it('records k in each row, from where the server really ran', () => {
    const split = planCpus({ usable: [0, 1, 2, 3], taskset: true });
    const placements = placementsFor(split, [1, 2, 'all']);
    const [point] = expand(cpu);
    expect([1, 2, 'all'].map((kind) => baseRow(point!, 'cluster', placements.get(kind as 1)!, 1).serverCores)).toEqual([1, 2, 4]);
    const unpinned = placementsFor(planCpus({ usable: [0], taskset: true }), [1]).get(1)!;
    expect(baseRow(point!, 'cluster', unpinned, 1).serverCores).toBeNull();
  });
});

describe.skipIf(!hasTaskset())("a pinned server's pools", () => {
  // The pool, cluster and listener sizes default from the CPUs the server process may use: under taskset -c, k.
  const defaultsUnder = (cpus: string) => {
    const module = pathToFileURL(compiledScript('src/models/options.js')).href;
    const script = `import(${JSON.stringify(module)}).then((m) => console.log(JSON.stringify(m.MODEL_DEFAULTS)))`;
    return JSON.parse(execFileSync('taskset', ['-c', cpus, process.execPath, '-e', script], { encoding: 'utf8' })) as Record<string, number>;
  };

  it('follow k', () => {
    expect(defaultsUnder('0')).toMatchObject({ threads: 1, workers: 1 });
    expect(defaultsUnder('0-1')).toMatchObject({ threads: 2, workers: 2 });
  });
});

describe('the preflight on the generator', () => {
  const echo = expand(echoSmall);

  it('is silent with the default placement on any machine', () => {
    for (const cores of [2, 4, 16, 64, 96]) {
      const split = planCpus({ usable: Array.from({ length: cores }, (_, i) => i), taskset: true });
      expect(generatorWarnings(echo, placementsFor(split, ['rest']), split.processes)).toEqual([]);
    }
  });

  it('warns when one generator core faces many server CPUs', () => {
    const split = planCpus({ usable: Array.from({ length: 16 }, (_, i) => i), taskset: true, generators: 1 });
    expect(generatorWarnings(echo, placementsFor(split, ['rest']), split.processes)).toEqual([
      'echo-small: the server has 15 CPUs and the generator 1 core(s), more than 3 server CPUs per generator core: fast models will likely be client-bound (a lower bound, marked); give the generator more with --generator-cpus or --generators',
    ]);
  });

  it('warns when generator processes share cores, but not about a CPU-bound scenario', () => {
    const split = planCpus({ usable: Array.from({ length: 16 }, (_, i) => i), taskset: true, generatorCpus: [15], generators: 2 });
    expect(generatorWarnings(expand(cpu), placementsFor(split, [1, 'all']), split.processes)).toEqual([
      '2 generator processes share 1 generator CPU(s) (15): each process gets less than a core, so the generator may limit the load',
    ]);
  });
});
