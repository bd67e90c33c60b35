import type { Scenario } from './scenario.js';

export const capacity: Scenario = {
  name: 'capacity',
  description:
    'open loop, 64 B messages over 16 connections, the rate stepped up until the latency objective fails: ' +
    'the largest rate each model sustains, and its latency curve up to the knee.',
  mode: 'open',
  parameters: { connections: [16], messageSize: [64] },
  rateAuto: true,
};
