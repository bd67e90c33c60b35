import type { ScenarioOf } from './scenario.js';
import { THREAD_CACHED_WORKER } from './variants.js';

export const churn: ScenarioOf<'churn'> = {
  name: 'churn',
  description: 'one message per connection, 16 concurrent connectors: what a new connection costs (a fork, a thread).',
  kind: 'churn',
  parameters: { connections: [16], messageSize: [64], messagesPerConnection: [1] },
  // --quick: 4 connectors, and three times quick's window: in 0.25 s a fork per connection completes none.
  quick: { parameters: { connections: [4] }, timeShare: 3 },
  // worker's thread cache turns a thread start per connection (or per departed client) into a hand-over.
  variants: THREAD_CACHED_WORKER,
};
