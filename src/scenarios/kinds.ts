/**
 * The scenarios layer's entry for each kind: what its matrix makes. A kind is a name in ScenarioKind
 * (results/schema.ts, and the row's enum in results.schema.json) and one entry in each layer's
 * registry, each layer keeping the part of a kind it may know, typed by ScenarioKind so that tsc names
 * every entry a new kind lacks: here; how it runs (harness/run/kind-runners.ts); its table and its
 * CSV columns (harness/output/scenario-tables.ts, kind-csv-columns.ts); its story (report/narrative/index.ts).
 */
import type { AbandonParams, HoldParams, LoadMode, ParameterMatrix, SearchShape, Slo } from '../results/schema.js';
import type { ScenarioKind } from '../results/scenario-kind.js';

/** The fields a kind adds to its declaration (and --quick may shrink); a kind without any needs no entry here. */
export interface KindFields extends Record<ScenarioKind, object> {
  /** Each model's points search for the largest rate it sustains (see harness/capacity), not the matrix's rates; `search`: how, where not the harness's defaults. */
  capacity: { search?: SearchShape };
  /** Clients that connect and leave while `connections` keep the server busy. */
  abandoned: { abandon: AbandonParams };
  /** Its `connections` are steps of held, live connections (see harness/run/run-connections.ts). */
  connections: { hold: HoldParams };
}

/** What a kind's points carry besides their parameters. */
export interface PointFields extends Record<ScenarioKind, object> {
  /** The objective this point's capacity search holds the model to. */
  capacity: { rateSearch: { slo: Slo } & SearchShape };
  abandoned: { abandon: AbandonParams };
  connections: { hold: HoldParams };
}

type Reads = readonly (keyof ParameterMatrix)[];

export interface KindDeclaration<K extends ScenarioKind> {
  /** Its points' load mode as declared (a closed loop's parameters may make a point churn or open loop: see modeOf). */
  mode: LoadMode;
  /** The parameters a point of this mode reads: an override of any other would be dropped, so bench refuses it. */
  reads(mode: LoadMode): Reads;
  /** What its points carry besides their parameters. */
  pointFields(declared: KindFields[K], slo: Slo): PointFields[K];
  /** Whether -R auto turns it into a capacity search. */
  searchable: boolean;
  /** The kind a point's rows are told as, given its load mode: a closed loop whose parameters made it churn or open loop is told as that. */
  rowKind(mode: LoadMode): ScenarioKind;
}

/** A closed loop, an open loop (a rate, no pipelining, no fixed amount), churn (no rate, no fixed amount). */
const LOOP_READS: Record<LoadMode, Reads> = {
  closed: ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'pipelining', 'amount', 'idleConnections'],
  open: ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'rate', 'idleConnections'],
  churn: ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'pipelining', 'messagesPerConnection', 'idleConnections'],
};

/** A loop kind: `closed` names what its closed-loop points are told as. */
const loop = (mode: LoadMode, closed: ScenarioKind) => ({
  mode,
  reads: (pointMode: LoadMode) => LOOP_READS[pointMode],
  pointFields: () => ({}),
  searchable: true,
  rowKind: (pointMode: LoadMode): ScenarioKind => (({ closed, churn: 'churn', open: 'open-loop' }) satisfies Record<LoadMode, ScenarioKind>)[pointMode],
});

export const SCENARIO_KINDS: { [K in ScenarioKind]: KindDeclaration<K> } = {
  'closed-loop': loop('closed', 'closed-loop'),
  // A closed loop whose server burns CPU per message: the same load, its own story (the server's CPU ceiling, a core sweep).
  cpu: loop('closed', 'cpu'),
  // Idle connections held open beside a closed loop: head-of-line blocking, whatever mode its other connections run in.
  'slow-client': { ...loop('closed', 'slow-client'), rowKind: () => 'slow-client' },
  churn: loop('churn', 'churn'),
  'open-loop': loop('open', 'open-loop'),
  capacity: { ...loop('open', 'capacity'), pointFields: (declared, slo) => ({ rateSearch: { slo, ...declared.search } }), rowKind: () => 'capacity' },
  // Its busy connections and one new client: none of the load's shape.
  abandoned: {
    mode: 'closed',
    reads: () => ['serverCores', 'workUsPerMessage', 'messageSize', 'connections', 'departureBytes'],
    pointFields: (declared) => ({ abandon: declared.abandon }),
    searchable: false,
    rowKind: () => 'abandoned',
  },
  // Its steps (connections) and the held connections' message size.
  connections: { mode: 'closed', reads: () => ['serverCores', 'messageSize', 'connections'], pointFields: (declared) => ({ hold: declared.hold }), searchable: false, rowKind: () => 'connections' },
};
