/**
 * Target 7's floor: a process that sends nothing and only watches the clock, spinning, on the
 * generator's CPU, with messages "due" at `rate` per second for `ms`. Each is recorded as sent the
 * moment the loop sees its time has passed: the send lag a generator with no work at all would get
 * from this machine (the scheduler, interrupts, a hypervisor taking the core). Prints one JSON line.
 * Runs as compiled JS in its own pinned process: node dist/bench/targets/clock-watcher.js RATE MS
 */
import { performance } from 'node:perf_hooks';
import { newHistogram, summarize } from '../../src/harness/load/histogram.js';
import { toUs } from '../../src/harness/load/mode.js';

const rate = Number(process.argv[2]);
const ms = Number(process.argv[3]);
if (!(rate > 0 && ms > 0)) {
  process.stderr.write('usage: clock-watcher RATE MS\n');
  process.exit(2);
}
const period = 1000 / rate;
const lag = newHistogram();
const start = performance.now();
let due = start;
for (;;) {
  const now = performance.now();
  // Every time due within the window is recorded, also one the machine kept this loop from seeing until after it.
  for (const end = Math.min(now, start + ms); due <= end; due += period) lag.recordValue(toUs(now - due));
  if (now - start >= ms) break;
}
const { p50, p99, p999, max, count } = summarize(lag);
process.stdout.write(`${JSON.stringify({ p50, p99, p999, max, count })}\n`);
