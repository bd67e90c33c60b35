/** Run one group's chosen tasks with tinybench and turn each task's result into a report row. */
import { Bench, type Task } from 'tinybench';
import type { MicroGroup } from './group.js';
import { Scope } from './scope.js';
import { toError } from '../../src/shared/to-error.js';

export interface MicroRow {
  group: string;
  task: string;
  note: string;
  baseline: string | null;
  state: string;
  /** 1 / mean latency. For "in flight" tasks the latency is per message, so this is throughput. */
  opsPerSec: number | null;
  meanUs: number | null;
  p50Us: number | null;
  /** p99 of the samples (for batched tasks a sample is one batch's mean per call). */
  p99Us: number | null;
  minUs: number | null;
  maxUs: number | null;
  /** Relative margin of error of the mean, % (95%). */
  rmePercent: number | null;
  samples: number;
  error: string | null;
}

export interface RunLimits {
  timeMs: number;
  signal: AbortSignal;
}

function row(group: MicroGroup, name: string, task: Task | undefined, error?: Error): MicroRow {
  const info = group.tasks.find((t) => t.name === name)!;
  const base = { group: group.name, task: name, note: info.note, baseline: info.baseline ?? null };
  const result = task?.result;
  if (result && (result.state === 'completed' || result.state === 'aborted-with-statistics')) {
    const { latency } = result;
    const us = (ms: number) => ms * 1000;
    return {
      ...base,
      state: result.state,
      opsPerSec: latency.mean > 0 ? 1000 / latency.mean : null,
      meanUs: us(latency.mean),
      p50Us: us(latency.p50),
      p99Us: us(latency.p99),
      minUs: us(latency.min),
      maxUs: us(latency.max),
      rmePercent: latency.rme,
      samples: latency.samplesCount,
      error: null,
    };
  }
  const failure = error ?? (result?.state === 'errored' ? result.error : undefined);
  const empty = { opsPerSec: null, meanUs: null, p50Us: null, p99Us: null, minUs: null, maxUs: null, rmePercent: null, samples: 0 };
  return { ...base, ...empty, state: failure ? 'errored' : (result?.state ?? 'not-started'), error: failure?.message ?? null };
}

/** Set the group up, run the named tasks, close everything the group started (also on failure). */
export async function runGroup(group: MicroGroup, names: readonly string[], { timeMs, signal }: RunLimits): Promise<MicroRow[]> {
  const scope = new Scope();
  try {
    const fns = await group.start(scope, names);
    const bench = new Bench({
      name: group.name,
      time: timeMs,
      warmupTime: Math.min(250, timeMs / 4),
      iterations: group.minSamples ?? 64,
      warmupIterations: group.minSamples === undefined ? 16 : 2,
      signal,
    });
    for (const [name, fn] of fns) bench.add(name, fn);
    await bench.run();
    return names.map((name) => row(group, name, bench.getTask(name)));
  } catch (error) {
    return names.map((name) => row(group, name, undefined, toError(error)));
  } finally {
    for (const error of await scope.close()) process.stderr.write(`bench:micro: clean-up in ${group.name}: ${error.message}\n`);
  }
}
