import type { ScenarioOf } from './scenario.js';

export const slowClient: ScenarioOf<'slow-client'> = {
  name: 'slow-client',
  description: 'one client connects first and never sends, 15 others do echo-small: head-of-line blocking.',
  kind: 'slow-client',
  parameters: { connections: [15], messageSize: [64], idleConnections: [1] },
  quick: { parameters: { connections: [3] } },
};
