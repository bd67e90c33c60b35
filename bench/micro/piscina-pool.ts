/**
 * piscina `run` round trips with the hsha model's pool (threads = cores, idleTimeout Infinity,
 * its own task file with no work), plus the pool options the model could choose instead, so the
 *  per-chunk cost of each choice is on the table. The model batches the chunks of one event-loop
 * turn into one task; here a task carries one chunk, the light-load case and the cost batching saves. The task always moves its reply back (move());
 * "copy" and "transfer" differ in how the chunk goes out.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { EchoBatch } from '../../src/models/hsha-task.js';
import { defineGroup, type MicroTask } from './group.js';
import { chunk, LARGE, SMALL, sizeLabel } from './payloads.js';
import type { Scope } from './scope.js';
import { inFlight } from './timing.js';

const TASK_SCRIPT = new URL('../../src/models/hsha-task.js', import.meta.url).href;
const THREADS = availableParallelism();
const IN_FLIGHT = 64;

/** Pool variants: the model's options, and one option changed at a time. */
const VARIANTS = {
  'atomics=sync': {},
  'atomics=async': { atomics: 'async' },
  'atomics=disabled': { atomics: 'disabled' },
  'recordTiming=false': { recordTiming: false },
  // Several tasks posted to a thread before its first reply: a pipeline instead of ping-pong.
  'concurrentTasksPerWorker=16': { concurrentTasksPerWorker: 16 },
} as const;
type Variant = keyof typeof VARIANTS;
type Pools = Record<Variant, Piscina<EchoBatch, Uint8Array<ArrayBuffer>[]>>;

async function startPool(scope: Scope, variant: Variant): Promise<Pools[Variant]> {
  const pool = new Piscina<EchoBatch, Uint8Array<ArrayBuffer>[]>({
    filename: TASK_SCRIPT,
    minThreads: THREADS,
    maxThreads: THREADS,
    idleTimeout: Number.POSITIVE_INFINITY,
    maxQueue: Number.POSITIVE_INFINITY,
    workerData: { crashToken: undefined },
    ...VARIANTS[variant],
  });
  scope.defer(() => pool.destroy());
  // Every thread up and its task file loaded before anything is timed.
  await Promise.all(Array.from({ length: THREADS * 2 }, () => pool.run({ chunks: [chunk(1)], iterations: [0] })));
  return pool;
}

/** One chunk as a task of its own (a batch of one, as the model sends at light load). */
async function run(pool: Pools[Variant], data: Uint8Array<ArrayBuffer>, transfer: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const [reply] = await pool.run({ chunks: [data], iterations: [0] }, transfer ? { transferList: [data.buffer] } : {});
  return reply!;
}

const mode = (transfer: boolean) => (transfer ? 'transfer' : 'copy');

function roundTrip(variant: Variant, bytes: number, transfer: boolean, baseline?: string): MicroTask<Pools> {
  return {
    name: `${variant} ${sizeLabel(bytes)} ${mode(transfer)}`,
    note: `one run() at a time; chunk ${transfer ? 'in the transferList' : 'cloned'}`,
    ...(baseline !== undefined && { baseline }),
    fn: (pools) => {
      let data = chunk(bytes);
      return async () => {
        data = await run(pools[variant], data, transfer);
      };
    },
  };
}

function pipelined(variant: Variant, transfer: boolean, baseline?: string): MicroTask<Pools> {
  return {
    name: `${variant} ${sizeLabel(SMALL)} ${mode(transfer)} ×${IN_FLIGHT} in flight`,
    note: `${IN_FLIGHT} run() at once over ${THREADS} threads; time per message`,
    ...(baseline !== undefined && { baseline }),
    fn: (pools) => {
      const buffers = Array.from({ length: IN_FLIGHT }, () => chunk(SMALL));
      return inFlight(IN_FLIGHT, async (slot) => {
        buffers[slot] = await run(pools[variant], buffers[slot]!, transfer);
      });
    },
  };
}

const modelSmall = `atomics=sync ${sizeLabel(SMALL)} transfer`;
const modelPipelined = `atomics=sync ${sizeLabel(SMALL)} transfer ×${IN_FLIGHT} in flight`;

export const piscinaPool = defineGroup<Pools>({
  name: 'piscina',
  async setup(scope) {
    const pools = {} as Pools;
    for (const variant of Object.keys(VARIANTS) as Variant[]) pools[variant] = await startPool(scope, variant);
    return pools;
  },
  tasks: [
    roundTrip('atomics=sync', SMALL, false),
    roundTrip('atomics=sync', SMALL, true, `atomics=sync ${sizeLabel(SMALL)} copy`),
    roundTrip('atomics=sync', LARGE, false),
    roundTrip('atomics=sync', LARGE, true, `atomics=sync ${sizeLabel(LARGE)} copy`),
    roundTrip('atomics=async', SMALL, true, modelSmall),
    roundTrip('atomics=disabled', SMALL, true, modelSmall),
    pipelined('atomics=sync', false, modelPipelined),
    pipelined('atomics=sync', true),
    pipelined('atomics=async', true, modelPipelined),
    pipelined('atomics=disabled', true, modelPipelined),
    pipelined('recordTiming=false', true, modelPipelined),
    pipelined('concurrentTasksPerWorker=16', true, modelPipelined),
  ],
});
