import type { ScenarioOf } from './scenario.js';

/**
 * At one server core and at every core: who uses a second core and who cannot. Each of the two points
 * measures 0.4 of the run's warm-up and windows, so that with the second server start the scenario
 * takes about the time its one point did (measured: see docs/measurement.md, "Core sweeps").
 */
export const cpu: ScenarioOf<'cpu'> = {
  name: 'cpu',
  description: '1 ms of server CPU per 64 B message, 16 connections, the server on 1 core and on all: who uses every core, who blocks on one.',
  kind: 'cpu',
  parameters: { connections: [16], messageSize: [64], workUsPerMessage: [1000], serverCores: [1, 'all'] },
  timeShare: 0.4,
  // --quick: one point (all cores), so it keeps quick's whole window.
  quick: { parameters: { connections: [4], serverCores: ['all'] }, timeShare: 1 },
};
