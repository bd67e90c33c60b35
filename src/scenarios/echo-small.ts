import type { Scenario } from './scenario.js';

export const echoSmall: Scenario = {
  name: 'echo-small',
  description: '64 B messages, closed loop, swept over 1, 16 and 64 connections: per-message overhead of each model.',
  mode: 'closed',
  parameters: { connections: [1, 16, 64], messageSize: [64] },
  quick: { parameters: { connections: [4] } },
};
