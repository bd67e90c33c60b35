import type { ScenarioOf } from './scenario.js';

export const open: ScenarioOf<'open-loop'> = {
  name: 'open',
  description: 'open loop at 5,000 msgs/s over 16 connections: latency at equal offered load, coordinated omission corrected.',
  kind: 'open-loop',
  parameters: { connections: [16], messageSize: [64], rate: [5000] },
};
