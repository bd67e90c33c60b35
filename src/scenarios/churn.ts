import type { Scenario } from './scenario.js';

export const churn: Scenario = {
  name: 'churn',
  description: 'one message per connection, 16 concurrent connectors: what a new connection costs (a fork, a thread).',
  mode: 'churn',
  parameters: { connections: [16], messageSize: [64], messagesPerConnection: [1] },
};
