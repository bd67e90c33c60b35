/**
 * What besides the code under test differs between two runs: the machine (CPU, cores, OS, Node), the
 * bench options that shape a measurement, and where paired rows ran. Any of these can move a ratio as
 * much as the change being compared, so compare names each one before its tables.
 */
import type { Placement, ResultRow, ResultsFile } from '../../results/schema.js';

export interface RunDifference {
  /** e.g. "CPU", "option timing.repeats", "placement (8 of 72 rows)". */
  what: string;
  a: string;
  b: string;
}

const MACHINE: readonly { what: string; field: 'cpuModel' | 'cores' | 'node' | 'platform' | 'kernel' }[] = [
  { what: 'CPU', field: 'cpuModel' },
  { what: 'cores', field: 'cores' },
  { what: 'Node', field: 'node' },
  { what: 'platform', field: 'platform' },
  { what: 'kernel', field: 'kernel' },
];

/**
 * Options that do not change what is measured: where and how the output goes, and which scenarios and
 * models ran (rows present in one run only are listed on their own).
 */
const NOT_MEASUREMENT = new Set(['outDir', 'json', 'progress', 'report', 'scenarios', 'models']);

/** Nested options as dotted paths ("timing.repeats") with printable values. */
function flatten(options: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(options)) {
    if (prefix === '' && NOT_MEASUREMENT.has(name)) continue;
    const path = `${prefix}${name}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, text] of flatten(value as Record<string, unknown>, `${path}.`)) out.set(inner, text);
    } else if (value !== undefined) {
      out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  return out;
}

function optionDifferences(a: Record<string, unknown>, b: Record<string, unknown>): RunDifference[] {
  const [flatA, flatB] = [flatten(a), flatten(b)];
  const names = [...new Set([...flatA.keys(), ...flatB.keys()])].sort();
  return names
    .filter((name) => flatA.get(name) !== flatB.get(name))
    .map((name) => ({ what: `option ${name}`, a: flatA.get(name) ?? '(not set)', b: flatB.get(name) ?? '(not set)' }));
}

const cpus = (placement: Placement) => JSON.stringify([placement.pinned, placement.serverCpus, placement.generatorCpus]);

/** Paired rows that ran on other CPUs in B than in A, grouped by the two placements. */
function placementDifferences(pairs: readonly [ResultRow, ResultRow][]): RunDifference[] {
  const groups = new Map<string, { a: string; b: string; rows: number }>();
  for (const [rowA, rowB] of pairs) {
    if (cpus(rowA.placement) === cpus(rowB.placement)) continue;
    const id = `${cpus(rowA.placement)}→${cpus(rowB.placement)}`;
    const group = groups.get(id) ?? { a: rowA.placement.note, b: rowB.placement.note, rows: 0 };
    group.rows += 1;
    groups.set(id, group);
  }
  return [...groups.values()].map(({ a, b, rows }) => ({ what: `placement (${rows} of ${pairs.length} rows)`, a, b }));
}

export function runDifferences(runA: ResultsFile, runB: ResultsFile, pairs: readonly [ResultRow, ResultRow][]): RunDifference[] {
  const machine = MACHINE.filter(({ field }) => runA.env[field] !== runB.env[field]).map(({ what, field }) => ({
    what,
    a: String(runA.env[field]),
    b: String(runB.env[field]),
  }));
  return [...machine, ...optionDifferences(runA.options, runB.options), ...placementDifferences(pairs)];
}
