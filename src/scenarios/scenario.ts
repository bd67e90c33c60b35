/**
 * A scenario declares its kind and its parameter matrix, every key a list (as Node core's
 * benchmark/common.js does); `expand` turns it into points, one per combination, and the harness runs
 * each against every model. What a kind makes of its matrix is its entry in kinds.ts.
 */
import type { AbandonParams, HoldParams, LoadMode, ParameterMatrix, SearchShape, Slo } from '../results/schema.js';
import type { ScenarioKind } from '../results/scenario-kind.js';
import { crossProduct } from './cross-product.js';
import { SCENARIO_KINDS, type KindDeclaration, type KindFields, type PointFields } from './kinds.js';
import type { ModelVariants } from './variants.js';

export type { AbandonParams, HoldParams, ParameterMatrix, ScenarioKind, SearchShape };

/** Every other kind's fields, absent: read on any scenario or point they are undefined, and a declaration may not give them. */
type AllKeys<T> = T extends unknown ? keyof T : never;
type Absent<Fields, Own> = { [P in Exclude<AllKeys<Fields>, keyof Own>]?: undefined };
type Exclusive<Fields extends Record<ScenarioKind, object>, K extends ScenarioKind> = Fields[K] & Absent<Fields[ScenarioKind], Fields[K]>;

/** What --quick changes in a scenario (e.g. fewer departed clients, a shorter deadline). */
export type QuickShrink<K extends ScenarioKind> = { parameters?: Partial<ParameterMatrix>; timeShare?: number } & Partial<Exclusive<KindFields, K>>;

/** A scenario of kind K (of each kind, where K is a union). */
export type ScenarioOf<K extends ScenarioKind> = K extends ScenarioKind ? ScenarioDeclaration<K> & Exclusive<KindFields, K> : never;

interface ScenarioDeclaration<K extends ScenarioKind> {
  kind: K;
  name: string;
  /** One sentence: what load, and what tradeoff it shows. */
  description: string;
  /** The parameter matrix; a key left out takes its PARAMETER_DEFAULTS list. */
  parameters: Partial<ParameterMatrix>;
  /**
   * Each point measures this share of the run's warm-up and windows (default 1): a scenario that sweeps
   * a dimension over few points (cpu: 1 core and all) keeps the time one point took. Rows record their window.
   */
  timeShare?: number;
  /** Serve flags some models also run with, a row per variant beside the model's default one (worker's thread cache). */
  variants?: ModelVariants;
  quick?: QuickShrink<K>;
}

export type Scenario = ScenarioOf<ScenarioKind>;

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

/** One combination of a scenario's matrix, and the load mode it makes (a point of each kind, where K is a union). */
export type PointOf<K extends ScenarioKind> = K extends ScenarioKind ? PointParameters & { kind: K; scenario: ScenarioOf<K>; mode: LoadMode } & Exclusive<PointFields, K> : never;

export type Point = PointOf<ScenarioKind>;

/** Command-line overrides (autocannon-style flags), applied to every selected scenario: whole lists, as declared. */
export type Overrides = Partial<ParameterMatrix>;

/** The scenario's whole matrix: defaults, then its declaration, then the command line's overrides. */
export function matrixOf(scenario: Scenario, overrides: Overrides = {}): ParameterMatrix {
  return { ...PARAMETER_DEFAULTS, ...scenario.parameters, ...overrides };
}

export function expand<S extends Scenario>(scenario: S, overrides: Overrides = {}, slo: Slo = DEFAULT_SLO): PointOf<S['kind']>[] {
  const kind = SCENARIO_KINDS[scenario.kind] as KindDeclaration<S['kind']>;
  return crossProduct(matrixOf(scenario, overrides)).map((values) => {
    const mode = modeOf(kind.mode, values);
    // A fixed amount is a closed-loop count.
    const point = { ...values, amount: mode === 'closed' ? values.amount : 0, kind: scenario.kind, scenario, mode };
    return { ...point, ...kind.pointFields(scenario as unknown as KindFields[S['kind']], slo) } as PointOf<S['kind']>;
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

/** The overridden parameters some point of the scenario would not read: overrides it would drop without a word. */
export function ignoredOverrides(scenario: Scenario, overrides: Overrides): (keyof ParameterMatrix)[] {
  const points = expand(scenario, overrides);
  const overridden = Object.keys(overrides) as (keyof ParameterMatrix)[];
  return overridden.filter((key) => points.some((point) => !SCENARIO_KINDS[point.kind].reads(point.mode).includes(key)));
}

/** The scenario as --quick runs it: its own declared shrink applied. */
export function quickVariant<S extends Scenario>(scenario: S): S {
  const { quick, ...declared } = scenario;
  if (!quick) return scenario;
  const { parameters, ...shrunk } = quick;
  return { ...declared, ...shrunk, parameters: { ...declared.parameters, ...parameters } } as S;
}
