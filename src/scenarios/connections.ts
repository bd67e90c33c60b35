import type { ScenarioOf } from './scenario.js';

/**
 * The C10K curve at a size the default suite can afford: 1,000 connections cost an event loop well under
 * a second, while fork and worker start one process or thread per connection (~0.1 s of CPU each here),
 * so their larger steps are projected from the smaller ones' cost within the time budget, not run.
 * --max-connections raises the top step for a machine with more memory and time.
 */
export const connections: ScenarioOf<'connections'> = {
  name: 'connections',
  description:
    'connections opened in steps and held live (an echo on opening, then one every 2 s): the server memory (PSS) ' +
    'against open connections, and what one connection costs each model.',
  kind: 'connections',
  parameters: { connections: [10, 100, 1000], messageSize: [16] },
  hold: { echoEverySec: 2, deadlineSec: 1, budgetSec: 5 },
  quick: { parameters: { connections: [10] }, hold: { echoEverySec: 2, deadlineSec: 1, budgetSec: 3 } },
};
