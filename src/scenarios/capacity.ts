import type { ScenarioOf } from './scenario.js';

export const capacity: ScenarioOf<'capacity'> = {
  name: 'capacity',
  description:
    'open loop, 64 B messages over 16 connections, the rate stepped up until the latency objective fails: ' +
    'the largest rate each model sustains, and its latency curve up to the knee.',
  kind: 'capacity',
  parameters: { connections: [16], messageSize: [64] },
  // --quick: 4 connections (fork and worker start a process or thread for each, at every step) and a
  // coarser search (×4 steps, one bisection): a bracket of 2× in about three steps a model; steps of
  // at most 1 s (so no rate under 3,000 msgs/s at p99, where a step would hold too few answers).
  quick: { parameters: { connections: [4] }, search: { factor: 4, bisections: 1, maxStepMs: 1_000 } },
};
