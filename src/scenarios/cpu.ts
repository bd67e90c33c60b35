import type { Scenario } from './scenario.js';

/**
 * At one server core and at every core: who uses a second core and who cannot. Each of the two points
 * measures half the run's window, so the scenario takes the time its one point did.
 */
export const cpu: Scenario = {
  name: 'cpu',
  description: '1 ms of server CPU per 64 B message, 16 connections, the server on 1 core and on all: who uses every core, who blocks on one.',
  mode: 'closed',
  parameters: { connections: [16], messageSize: [64], workUsPerMessage: [1000], serverCores: [1, 'all'] },
  timeShare: 0.5,
};
