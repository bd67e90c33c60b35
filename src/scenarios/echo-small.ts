import type { ScenarioOf } from './scenario.js';

export const echoSmall: ScenarioOf<'closed-loop'> = {
  name: 'echo-small',
  description: '64 B messages, closed loop, swept over 1, 16 and 64 connections: per-message overhead of each model.',
  kind: 'closed-loop',
  parameters: { connections: [1, 16, 64], messageSize: [64] },
  quick: { parameters: { connections: [4] } },
};
