/**
 * The in-process echo call: the per-chunk work of the models whose serving thread owns the socket
 * (sequential, event-loop, cluster, a fork child). No hop: this is the floor every other hop adds to.
 */
import { calibrate, NO_WORK, WorkMeter, type WorkSpec } from '../../src/shared/work.js';
import { defineGroup } from './group.js';
import { chunk, LARGE, SMALL, sizeLabel } from './payloads.js';
import { batched } from './timing.js';

/** µs of work per 64 B block for the "with work" case: big enough to check the calibration by eye. */
const WORK_US = 10;

/** One echo call: charge the meter for the chunk, then copy the bytes (standing in for handing them on). */
function echoCalls(bytes: number, work: WorkSpec, calls: number) {
  const meter = new WorkMeter(work);
  const data = Buffer.from(chunk(bytes));
  return batched(calls, () => {
    meter.charge(data.length);
    return Buffer.from(data);
  });
}

export const inProcess = defineGroup({
  name: 'in-process',
  setup: async () => ({ work: { usPerBlock: WORK_US, blockBytes: SMALL, ...calibrate() } satisfies WorkSpec }),
  tasks: [
    {
      name: `echo call ${sizeLabel(SMALL)}`,
      note: 'WorkMeter(NO_WORK).charge + Buffer copy, per call',
      fn: () => echoCalls(SMALL, NO_WORK, 1000),
    },
    {
      name: `echo call ${sizeLabel(LARGE)}`,
      note: 'same, 64 KiB chunk',
      baseline: `echo call ${sizeLabel(SMALL)}`,
      fn: () => echoCalls(LARGE, NO_WORK, 100),
    },
    {
      name: `echo call ${sizeLabel(SMALL)} + ${WORK_US} µs work`,
      note: `--work-us ${WORK_US} per 64 B block: a mean near ${WORK_US} µs shows the calibrated burn is right`,
      baseline: `echo call ${sizeLabel(SMALL)}`,
      fn: ({ work }) => echoCalls(SMALL, work, 20),
    },
  ],
});
