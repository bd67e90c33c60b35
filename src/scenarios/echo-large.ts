import type { ScenarioOf } from './scenario.js';

export const echoLarge: ScenarioOf<'closed-loop'> = {
  name: 'echo-large',
  description: '64 KiB messages, closed loop, 8 connections: bulk bytes through each model, where copies and hops cost.',
  kind: 'closed-loop',
  parameters: { connections: [8], messageSize: [65536] },
};
