/**
 * A scenario declares its parameter matrix, every key a list (as Node core's benchmark/common.js
 * does); `expand` turns it into points, one per combination, and the harness runs each against every model.
 */
import type { AbandonParams, HoldParams, LoadMode, ParameterMatrix, SearchShape, Slo } from '../results/schema.js';
import { crossProduct } from './cross-product.js';
import type { ModelVariants } from './variants.js';

export type { AbandonParams, HoldParams, ParameterMatrix, SearchShape };

export interface Scenario {
  name: string;
  /** One sentence: what load, and what tradeoff it shows. */
  description: string;
  mode: LoadMode;
  /** The parameter matrix; a key left out takes its PARAMETER_DEFAULTS list. */
  parameters: Partial<ParameterMatrix>;
  /** The abandoned scenario's clients that connect and leave while `connections` keep the server busy. */
  abandon?: AbandonParams;
  /** The connections scenario: its `connections` are steps of held, live connections (see harness/run/run-connections.ts). */
  hold?: HoldParams;
  /** Rate auto: each model's points search for the largest rate it sustains (see harness/capacity), not the matrix's rates. */
  rateAuto?: boolean;
  /** Rate auto: how the search steps, where not the harness's defaults. */
  search?: SearchShape;
  /**
   * Each point measures this share of the run's warm-up and windows (default 1): a scenario that sweeps
   * a dimension over few points (cpu: 1 core and all) keeps the time one point took. Rows record their window.
   */
  timeShare?: number;
  /** Serve flags some models also run with, a row per variant beside the model's default one (worker's thread cache). */
  variants?: ModelVariants;
  /** What --quick changes in this scenario (e.g. fewer departed clients, a shorter deadline). */
  quick?: { parameters?: Partial<ParameterMatrix>; abandon?: AbandonParams; hold?: HoldParams; search?: SearchShape; timeShare?: number };
}

/** The capacity search's objective when --slo gives none. */
export const DEFAULT_SLO: Readonly<Slo> = { percentile: 'p99', objectiveUs: 10_000 };

/**
 * Every parameter's default, in one object. Its key order is the order points vary in, the first
 * slowest: the server's own parameters first, so that one server start serves the most points.
 */
export const PARAMETER_DEFAULTS: Readonly<ParameterMatrix> = {
  serverCores: ['rest'],
  workUsPerMessage: [0],
  messageSize: [64],
  connections: [1],
  pipelining: [1],
  rate: [0],
  messagesPerConnection: [0],
  amount: [0],
  idleConnections: [0],
  departureBytes: [0],
};

/** One value of each parameter. */
export type PointParameters = { [K in keyof ParameterMatrix]: ParameterMatrix[K][number] };

/** One combination of a scenario's matrix, and the load mode it makes. */
export interface Point extends PointParameters {
  scenario: Scenario;
  mode: LoadMode;
  abandon: AbandonParams | undefined;
  hold?: HoldParams;
  /** Rate auto: the objective this point's capacity search holds the model to. */
  rateSearch?: { slo: Slo } & SearchShape;
}

/** Command-line overrides (autocannon-style flags), applied to every selected scenario: whole lists, as declared. */
export type Overrides = Partial<ParameterMatrix>;

/** The scenario's whole matrix: defaults, then its declaration, then the command line's overrides. */
export function matrixOf(scenario: Scenario, overrides: Overrides = {}): ParameterMatrix {
  return { ...PARAMETER_DEFAULTS, ...scenario.parameters, ...overrides };
}

export function expand(scenario: Scenario, overrides: Overrides = {}, slo: Slo = DEFAULT_SLO): Point[] {
  const search = scenario.rateAuto ? { rateSearch: { slo, ...scenario.search } } : {};
  return crossProduct(matrixOf(scenario, overrides)).map((values) => {
    const mode = search.rateSearch ? 'open' : modeOf(scenario.mode, values);
    // A fixed amount is a closed-loop count.
    return { ...values, amount: mode === 'closed' ? values.amount : 0, scenario, mode, abandon: scenario.abandon, ...(scenario.hold ? { hold: scenario.hold } : {}), ...search };
  });
}

/**
 * On a closed-loop scenario, messages per connection make it churn (reconnect after N messages) and a
 * rate makes it open loop (autocannon's -R); the bench options refuse both at once.
 */
function modeOf(declared: LoadMode, values: PointParameters): LoadMode {
  if (declared !== 'closed') return declared;
  return values.messagesPerConnection > 0 ? 'churn' : values.rate > 0 ? 'open' : 'closed';
}

/**
 * The parameters each kind of point reads: a closed loop, an open loop (a rate, no pipelining, no fixed
 * amount), churn (no rate, no fixed amount), and the abandoned scenario (its busy connections and one
 * new client: none of the load's shape).
 */
const READS: Record<LoadMode | 'abandon' | 'hold', readonly (keyof ParameterMatrix)[]> = {
  closed: ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'pipelining', 'amount', 'idleConnections'],
  open: ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'rate', 'idleConnections'],
  churn: ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'pipelining', 'messagesPerConnection', 'idleConnections'],
  abandon: ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'departureBytes'],
  // The connections scenario: its steps (connections) and the held connections' message size.
  hold: ['serverCores', 'messageSize', 'connections'],
};

/** The overridden parameters some point of the scenario would not read: overrides it would drop without a word. */
export function ignoredOverrides(scenario: Scenario, overrides: Overrides): (keyof ParameterMatrix)[] {
  const points = expand(scenario, overrides);
  const overridden = Object.keys(overrides) as (keyof ParameterMatrix)[];
  return overridden.filter((key) => points.some((point) => !READS[point.hold ? 'hold' : point.abandon ? 'abandon' : point.mode].includes(key)));
}

/** The scenario as --quick runs it: its own declared shrink applied. */
export function quickVariant(scenario: Scenario): Scenario {
  const { quick, ...declared } = scenario;
  if (!quick) return scenario;
  return { ...declared, parameters: { ...declared.parameters, ...quick.parameters }, ...(quick.abandon ? { abandon: quick.abandon } : {}), ...(quick.hold ? { hold: quick.hold } : {}), ...(quick.search ? { search: quick.search } : {}), ...(quick.timeShare ? { timeShare: quick.timeShare } : {}) };
}
