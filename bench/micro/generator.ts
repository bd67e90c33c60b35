/**
 * The load generator's own per-message cost: checking the echoed bytes against what was sent,
 * reading the clock, and recording the latency. Named as primitives (the generator in src/harness/
 * picks among them): a generator message costs one verify + two clock reads + one record.
 */
import { createHistogram } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { defineGroup, type MicroTask } from './group.js';
import { chunk, LARGE, SMALL, sizeLabel } from './payloads.js';
import { batched } from './timing.js';

const CALLS = 1000;

/** Latencies in µs spread over 4 decades, so recording does not hit one bucket again and again. */
const LATENCIES_US = Array.from({ length: 1024 }, (_, i) => Math.max(1, Math.round(10 ** (1 + ((i * 7919) % 1024) / 256))));

interface Histograms {
  js: hdr.Histogram;
  wasm: hdr.Histogram;
}

/** Sent and echoed: equal bytes in different buffers, so the whole chunk is compared, as on success. */
function verify(bytes: number, how: 'equals' | 'compare'): MicroTask<Histograms> {
  return {
    name: `verify ${sizeLabel(bytes)} Buffer.${how}`,
    note: `echoed chunk against the sent one (equal, so all ${sizeLabel(bytes)} compared)`,
    ...(how === 'compare' && { baseline: `verify ${sizeLabel(bytes)} Buffer.equals` }),
    fn: () => {
      const sent = Buffer.from(chunk(bytes));
      const echoed = Buffer.from(chunk(bytes));
      return batched(bytes === LARGE ? 100 : CALLS, how === 'equals' ? () => sent.equals(echoed) : () => Buffer.compare(sent, echoed));
    },
  };
}

/** Record one latency per call, cycling through LATENCIES_US. */
function recording(record: (valueUs: number) => void) {
  let i = 0;
  return batched(CALLS, () => record(LATENCIES_US[i++ & 1023]!));
}

const hdrJs = 'record hdr-histogram-js build() recordValue';

export const generator = defineGroup<Histograms>({
  name: 'generator',
  async setup(scope) {
    await hdr.initWebAssembly();
    const wasm = hdr.build({ useWebAssembly: true });
    scope.defer(() => wasm.destroy());
    return { js: hdr.build(), wasm };
  },
  tasks: [
    verify(SMALL, 'equals'),
    verify(SMALL, 'compare'),
    verify(LARGE, 'equals'),
    verify(LARGE, 'compare'),
    { name: hdrJs, note: 'default build(): JS, 32-bit buckets, 3 digits, auto-resize', fn: ({ js }) => recording((v) => js.recordValue(v)) },
    {
      name: 'record hdr-histogram-js wasm recordValue',
      note: 'build({ useWebAssembly: true }) after initWebAssembly()',
      baseline: hdrJs,
      fn: ({ wasm }) => recording((v) => wasm.recordValue(v)),
    },
    {
      name: 'record perf_hooks createHistogram().record',
      note: "Node's built-in HDR histogram (native)",
      baseline: hdrJs,
      fn: () => {
        const histogram = createHistogram();
        return recording((v) => histogram.record(v));
      },
    },
    { name: 'clock process.hrtime.bigint()', note: 'one timestamp read (two per message)', fn: () => batched(CALLS, () => process.hrtime.bigint()) },
    {
      name: 'clock performance.now()',
      note: 'one timestamp read',
      baseline: 'clock process.hrtime.bigint()',
      fn: () => batched(CALLS, () => performance.now()),
    },
  ],
});
