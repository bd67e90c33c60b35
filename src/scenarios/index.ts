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

/**
 * What --quick runs unless --scenarios names others: one short point of each main tradeoff (per-message
 * cost, parallel CPU, connection cost, head-of-line blocking, capacity), about a minute on 2 cores. The
 * rest (echo-large, abandoned, open, connections) are in the full suite, and run quick when named.
 */
export const QUICK_SUITE: readonly Scenario[] = [echoSmall, cpu, churn, slowClient, capacity];
