/** The default suite, in the order it runs. Each scenario is one small declaration in its own file. */
import type { Scenario } from './scenario.js';
import { abandoned } from './abandoned.js';
import { capacity } from './capacity.js';
import { churn } from './churn.js';
import { connections } from './connections.js';
import { cpu } from './cpu.js';
import { echoLarge } from './echo-large.js';
import { echoSmall } from './echo-small.js';
import { open } from './open.js';
import { slowClient } from './slow-client.js';

export const DEFAULT_SUITE: readonly Scenario[] = [echoSmall, echoLarge, cpu, churn, abandoned, slowClient, open, capacity, connections];
