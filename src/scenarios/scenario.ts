/** A scenario declares its parameter matrix; the harness expands it into points and runs each against every model. */
import type { LoadMode } from '../results/schema.js';

export interface Scenario {
  name: string;
  /** One sentence: what load, and what tradeoff it shows. */
  description: string;
  mode: LoadMode;
  /** The sweep: one point per value. */
  connections: number[];
  messageSize: number;
  pipelining?: number;
  /** µs of server CPU per message (sent to serve as --work-us with --work-bytes = messageSize). */
  workUsPerMessage?: number;
  /** Open loop: offered msgs/s over all connections. */
  rate?: number;
  /** Churn: messages per connection before reconnecting. */
  messagesPerConnection?: number;
  /** Connections opened first that then send nothing for the whole run. */
  idleConnections?: number;
  /** 'all': CPU-bound, the server gets every core; otherwise server and generator get disjoint CPUs. */
  serverCores?: 'rest' | 'all';
  /** Departed clients: while `connections` keep the server busy, this many connect and leave; then one new client is timed. */
  abandon?: AbandonParams;
  /** What --quick changes in this scenario (e.g. fewer departed clients, a shorter deadline). */
  quick?: Partial<Pick<Scenario, 'connections' | 'abandon'>>;
}

export interface AbandonParams {
  /** Clients that connect and leave (FIN, nothing sent) while the busy connections hold the server. */
  clients: number;
  /** Longest the flood plus the new client's first echo may take before the row fails. */
  deadlineSec: number;
}

export interface Point {
  scenario: Scenario;
  connections: number;
  messageSize: number;
  pipelining: number;
  workUsPerMessage: number;
  rate: number;
  messagesPerConnection: number;
  /** Closed loop, fixed amount: messages in all over the point's connections (0 = as many as the time allows). */
  amount: number;
  idleConnections: number;
  abandon: AbandonParams | undefined;
}

/** Command-line overrides (autocannon-style flags) applied to every selected scenario. */
export interface Overrides {
  connections?: number[];
  messageSize?: number;
  pipelining?: number;
  rate?: number;
  messagesPerConnection?: number;
  /** Total messages per point (autocannon's --amount): spread over the connections, then the point ends. */
  amount?: number;
}

export function expand(scenario: Scenario, overrides: Overrides = {}): Point[] {
  // On a closed-loop scenario, --messages-per-connection makes it churn (reconnect after N messages)
  // and --rate makes it open loop (autocannon's -R); the bench options refuse both at once.
  const mode =
    scenario.mode !== 'closed' ? scenario.mode : overrides.messagesPerConnection !== undefined ? 'churn' : overrides.rate !== undefined ? 'open' : 'closed';
  return (overrides.connections ?? scenario.connections).map((connections) => ({
    scenario: mode === scenario.mode ? scenario : { ...scenario, mode },
    connections,
    messageSize: overrides.messageSize ?? scenario.messageSize,
    pipelining: overrides.pipelining ?? scenario.pipelining ?? 1,
    workUsPerMessage: scenario.workUsPerMessage ?? 0,
    rate: overrides.rate ?? scenario.rate ?? 0,
    messagesPerConnection: overrides.messagesPerConnection ?? scenario.messagesPerConnection ?? 0,
    amount: mode === 'closed' ? (overrides.amount ?? 0) : 0, // a fixed amount is a closed-loop count
    idleConnections: scenario.idleConnections ?? 0,
    abandon: scenario.abandon,
  }));
}

/** The scenario as --quick runs it: its own declared shrink applied. */
export function quickVariant(scenario: Scenario): Scenario {
  return scenario.quick ? { ...scenario, ...scenario.quick } : scenario;
}
