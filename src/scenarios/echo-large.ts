import type { Scenario } from './scenario.js';

export const echoLarge: Scenario = {
  name: 'echo-large',
  description: '64 KiB messages, closed loop, 8 connections: bulk bytes through each model, where copies and hops cost.',
  mode: 'closed',
  parameters: { connections: [8], messageSize: [65536] },
};
