import type { Scenario } from './scenario.js';

export const cpu: Scenario = {
  name: 'cpu',
  description: '1 ms of server CPU per 64 B message, 16 connections: who uses every core, who blocks on one.',
  mode: 'closed',
  parameters: { connections: [16], messageSize: [64], workUsPerMessage: [1000], serverCores: ['all'] },
};
