/**
 * The load generator's own per-message cost: checking the echoed bytes, reading the clock, and
 * recording the latency. The harness's own primitives (src/harness/load/pattern.ts, histogram.ts) are
 * measured beside the alternatives: one generator message costs one verify + two clock reads +
 * one record, so the sum of those rows is its bookkeeping per message.
 */
import { createHistogram } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { newHistogram } from '../../src/harness/load/histogram.js';
import { Pattern } from '../../src/harness/load/pattern.js';
import { defineGroup, type MicroTask } from './group.js';
import { LARGE, SMALL, sizeLabel } from './payloads.js';
import { batched } from './timing.js';

const CALLS = 1000;

/** Latencies in µs spread over 4 decades, so recording does not hit one bucket again and again. */
const LATENCIES_US = Array.from({ length: 1024 }, (_, i) => Math.max(1, Math.round(10 ** (1 + ((i * 7919) % 1024) / 256))));

interface Resources {
  pattern: Pattern;
  wasm: hdr.Histogram;
}

/** The echo as the generator sees it: equal bytes in a different buffer, so every byte is compared. */
function verify(bytes: number, how: 'Pattern.matches' | 'Buffer.equals'): MicroTask<Resources> {
  const harness = how === 'Pattern.matches';
  return {
    name: `verify ${sizeLabel(bytes)} ${how}`,
    note: harness ? "the harness's check (src/harness/load/pattern.ts): ranged Buffer#compare" : 'plain equality of two buffers, the floor',
    ...(!harness && { baseline: `verify ${sizeLabel(bytes)} Pattern.matches` }),
    fn: ({ pattern }) => {
      const seed = Pattern.seed(1);
      const sent = pattern.message(seed, 0, bytes);
      const echoed = Buffer.from(sent);
      const check = harness ? () => pattern.matches(seed, 0, echoed) : () => sent.equals(echoed);
      return batched(bytes === LARGE ? 100 : CALLS, check);
    },
  };
}

/** Record one latency per call, cycling through LATENCIES_US. */
function recording(record: (valueUs: number) => void) {
  let i = 0;
  return batched(CALLS, () => record(LATENCIES_US[i++ & 1023]!));
}

const harnessRecord = 'record newHistogram().recordValue';

export const generator = defineGroup<Resources>({
  name: 'generator',
  async setup(scope) {
    await hdr.initWebAssembly();
    const wasm = hdr.build({ useWebAssembly: true });
    scope.defer(() => wasm.destroy());
    return { pattern: new Pattern(LARGE), wasm };
  },
  tasks: [
    verify(SMALL, 'Pattern.matches'),
    verify(SMALL, 'Buffer.equals'),
    verify(LARGE, 'Pattern.matches'),
    verify(LARGE, 'Buffer.equals'),
    {
      name: harnessRecord,
      note: "the harness's histogram (src/harness/load/histogram.ts): hdr-histogram-js, JS, 1 µs..10 min",
      fn: () => {
        const histogram = newHistogram();
        return recording((v) => histogram.recordValue(v));
      },
    },
    {
      name: 'record hdr-histogram-js wasm recordValue',
      note: 'build({ useWebAssembly: true }) after initWebAssembly()',
      baseline: harnessRecord,
      fn: ({ wasm }) => recording((v) => wasm.recordValue(v)),
    },
    {
      name: 'record perf_hooks createHistogram().record',
      note: "Node's built-in HDR histogram (native)",
      baseline: harnessRecord,
      fn: () => {
        const histogram = createHistogram();
        return recording((v) => histogram.record(v));
      },
    },
    { name: 'clock performance.now()', note: "one timestamp read, the harness's clock", fn: () => batched(CALLS, () => performance.now()) },
    {
      name: 'clock process.hrtime.bigint()',
      note: 'one timestamp read',
      baseline: 'clock performance.now()',
      fn: () => batched(CALLS, () => process.hrtime.bigint()),
    },
  ],
});
