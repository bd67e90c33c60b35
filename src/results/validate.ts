/**
 * A structural check of results.json before anything is drawn from it: the first missing or
 * mistyped field is named by its path, so a truncated or foreign file gives one clear line.
 */
import { RESULTS_SCHEMA, type ResultsFile } from './schema.js';

export class ResultsShapeError extends Error {
  override readonly name = 'ResultsShapeError';
}

type Checker = (value: unknown, path: string) => void;

function fail(path: string, expected: string): never {
  throw new ResultsShapeError(`${path}: expected ${expected}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const number: Checker = (value, path) => {
  if (typeof value !== 'number' || Number.isNaN(value)) fail(path, 'a number');
};
const string: Checker = (value, path) => {
  if (typeof value !== 'string') fail(path, 'a string');
};
const boolean: Checker = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'true or false');
};
const oneOf =
  (...allowed: string[]): Checker =>
  (value, path) => {
    if (typeof value !== 'string' || !allowed.includes(value)) fail(path, `one of ${allowed.join(', ')}`);
  };
const orNull =
  (check: Checker): Checker =>
  (value, path) => {
    if (value !== null) check(value, path);
  };
const arrayOf =
  (item: Checker): Checker =>
  (value, path) => {
    if (!Array.isArray(value)) fail(path, 'an array');
    value.forEach((element, index) => item(element, `${path}[${index}]`));
  };
const object =
  (fields: Record<string, Checker>, optional: Record<string, Checker> = {}): Checker =>
  (value, path) => {
    if (!isObject(value)) fail(path, 'an object');
    for (const [key, check] of Object.entries(fields)) check(value[key], `${path}.${key}`);
    for (const [key, check] of Object.entries(optional)) if (value[key] !== undefined) check(value[key], `${path}.${key}`);
  };
const pair: Checker = (value, path) => {
  if (!Array.isArray(value) || value.length !== 2) fail(path, 'a [low, high] pair');
  value.forEach((element, index) => number(element, `${path}[${index}]`));
};

const estimate = object({ median: number, ci95: pair, runs: arrayOf(number) });
const latency = object({ p50: number, p90: number, p99: number, p999: number, max: number, mean: number, count: number, histogram: string });

const abandoned = object({
  clients: number,
  departed: number,
  floodMs: number,
  deadlineSec: number,
  firstEchoMs: orNull(number),
  serverCpuSec: orNull(number),
  serverAbandoned: orNull(number),
});

const row = object(
  {
    model: string,
    scenario: string,
    mode: oneOf('closed', 'open', 'churn'),
    connections: number,
    messageSize: number,
    workUsPerMessage: number,
    status: oneOf('ok', 'failed', 'incomplete'),
    repeats: number,
    msgsPerSec: estimate,
    bytesPerSec: estimate,
    latencyUs: latency,
    errors: object({}),
    fairness: object({ jain: number, starved: number, perConnection: arrayOf(number) }),
    server: object({
      cpuPercent: number,
      peakRssBytes: number,
      maxProcesses: number,
      maxThreads: number,
      series: arrayOf(object({ tMs: number, cpuPercent: number, rssBytes: number, processes: number, threads: number })),
    }),
    client: object({ cpuPercent: number, elu: number, clientBound: boolean }),
  },
  {
    failure: string,
    latencyUncorrectedUs: latency,
    targetRate: number,
    achievedRate: estimate,
    rateShortfall: boolean,
    connectionsPerSec: estimate,
    connectLatencyUs: latency,
    abandoned,
  },
);

const env = object({
  node: string,
  cpuModel: string,
  cores: number,
  memoryBytes: number,
  date: string,
  placement: object({ pinned: boolean, note: string }),
});

const file = object({ schema: string, runId: string, complete: boolean, env, options: object({}), results: arrayOf(row) });

/** Returns the value typed as a results file, or throws ResultsShapeError naming the first bad field. */
export function validateResults(value: unknown): ResultsFile {
  if (isObject(value) && value.schema !== RESULTS_SCHEMA) {
    throw new ResultsShapeError(`schema is ${JSON.stringify(value.schema)}, this version reads ${RESULTS_SCHEMA}`);
  }
  file(value, 'results.json');
  return value as unknown as ResultsFile;
}
