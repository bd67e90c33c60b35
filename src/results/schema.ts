/**
 * results.json, schema "echolab/results@3": what one `npm run bench` leaves in results/<run-id>/.
 * Every number here comes from a measurement of that run, or from the scenarios it declared;
 * nothing is typed in by hand. The report reads this file alone.
 */
import type { ModelId } from '../models/ids.js';

/**
 * 2: each scenario's declaration recorded (`scenarios`), and each row's idle connections.
 * 3: each figure's bracket is the range of its repeats (`range`), not a t interval; a latency percentile
 * is null where too few answers back it; the run's one work calibration (`work`).
 */
export const RESULTS_VERSION = 3;
export const RESULTS_SCHEMA = `echolab/results@${RESULTS_VERSION}` as const;

/** The version a results file's `schema` names (1 for "echolab/results@1"); undefined for a file that is not echolab's. */
export function resultsVersion(schema: unknown): number | undefined {
  const match = typeof schema === 'string' ? /^echolab\/results@(\d+)$/.exec(schema) : null;
  return match ? Number(match[1]) : undefined;
}

export interface ResultsFile {
  schema: typeof RESULTS_SCHEMA;
  runId: string;
  /** False while running, and for a run cut short (Ctrl-C, failure): its rows are partial. */
  complete: boolean;
  env: Environment;
  /** The bench command's options as given (after defaults). */
  options: Record<string, unknown>;
  /** The scenarios the run declared, in the order it ran them: what the report says about each is read here. */
  scenarios: ScenarioRecord[];
  results: ResultRow[];
  /** The run's one calibration of the work hash, on the server's CPUs (null: no point had work, or the server calibrated on its own host). */
  work?: WorkRecord | null;
}

/** Kernel counters summed over a set of threads between the two reads of a row's anatomy (harness/server/thread-counters.ts). */
export interface CostFigures {
  threads: number;
  /** On a CPU (the scheduler's exact time), split into user and system by the coarser tick counts (null: too few ticks to split). */
  cpuUs: number;
  userUs: number | null;
  systemUs: number | null;
  /** Runnable but waiting for a CPU (run-queue wait). */
  runDelayUs: number;
  voluntarySwitches: number;
  involuntarySwitches: number;
  /** read- and write-family system calls (null: /proc/<pid>/task/<tid>/io not readable). */
  readCalls: number | null;
  writeCalls: number | null;
}

/** One role's share: the main thread, connection threads, pool threads, child processes, the runtime's own threads. */
export interface RoleCost extends CostFigures {
  role: string;
}

export interface SideAnatomy extends CostFigures {
  roles: RoleCost[];
  /** Threads that ended between the two reads: what they spent since the first is not counted, so every figure is then a lower bound. */
  endedThreads: number;
}

/**
 * Why a row costs what it costs: the server's and the generator's kernel counters over the measured
 * windows, with the answers and completed connections they bought. Per message is a figure over answers.
 */
export interface Anatomy {
  answers: number;
  connectionsCompleted: number;
  /** null: not sampled here (an external target, a server or generator on another host). */
  server: SideAnatomy | null;
  generator: SideAnatomy | null;
  /** Hardware counters are not read (perf_event_open): always null. */
  cycles: null;
  instructions: null;
}

/** A calibration of the work hash: rounds per µs and the fixed µs of one call, measured pinned to `cpus`. */
export interface WorkCalibration {
  iterationsPerUs: number;
  overheadUs: number;
  cpus: number[] | null;
}

/** The calibration every server's rounds came from, and the same measurement repeated after the last point: how far this machine's speed drifted meanwhile. */
export interface WorkRecord {
  start: WorkCalibration;
  end: WorkCalibration | null;
}

export interface Environment {
  node: string;
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  kernel: string;
  platform: string;
  gitCommit: string | null;
  gitDirty: boolean;
  date: string;
  placement: Placement;
}

/** Where the server and the load generator ran. */
export interface Placement {
  pinned: boolean;
  /** CPUs given to the server and to the generator (null: unpinned). */
  serverCpus: number[] | null;
  generatorCpus: number[] | null;
  /** Human-readable summary, e.g. "server on cpu 0, generator on cpu 1 (taskset)". */
  note: string;
}

/** A figure measured once per repeat: the median of the repeats, their range (lowest, highest), and each repeat's value. */
export interface Estimate {
  median: number;
  range: [number, number];
  runs: number[];
}

/**
 * Latency describes only the answers received: with none (count 0) every figure is null, absent, never 0;
 * a percentile is null where fewer answers than it needs back it (p99: 100; results/latency-support.ts).
 */
export interface LatencySummary {
  /** Microseconds. */
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
  mean: number | null;
  count: number;
  /** The merged HdrHistogram (all connections, generator processes and repeats), base64 compressed. */
  histogram: string;
  /** latencyUs only: the p99 of each repeat (null: that repeat had no answer), so runs can be compared on p99 as on msgs/s. */
  p99Runs?: (number | null)[];
}

export type ErrorKind = 'mismatch' | 'short' | 'reset' | 'refused' | 'timeout' | 'other';

export interface ServerSample {
  /** ms since the measured interval began. */
  tMs: number;
  /** Since the previous CPU figure; null on a sample too soon after it to measure (/proc counts CPU in 10 ms ticks). */
  cpuPercent: number | null;
  /** The tree's memory: PSS summed over its processes (each shared page split among the processes sharing it). Read about once a second, so null on the samples between. */
  pssBytes: number | null;
  /** RSS summed over the tree's processes: a page shared by several processes counts once for each of them. */
  rssBytes: number;
  processes: number;
  threads: number;
}

/**
 * A point's time series: its measured windows cut into intervals of `intervalMs` on one clock shared
 * by the generator processes and the server sampler, interval k from k·intervalMs after the harness
 * asked for the windows. One array per figure, one entry per interval; a figure not measured in an
 * interval is null, never 0.
 */
export interface IntervalSeries {
  intervalMs: number;
  /** ms from the first interval's start (when the harness asked for the windows) to the first window's start: the first interval's rate is over the rest of it. */
  firstMs: number;
  /** ms from the first interval's start to the end of the last measured window: the last interval may be shorter. */
  spanMs: number;
  /** Messages answered in the interval, over every generator process: they add up to the row's latencyUs.count. */
  messages: number[];
  /** Those messages per second of the interval's measured part (whole numbers); null where that part is shorter than a quarter of an interval, too short to give a rate. */
  msgsPerSec: (number | null)[];
  /** Latency of the interval's answers, µs, from the merged histograms of every generator process; null where none came back. */
  p50Us: (number | null)[];
  p99Us: (number | null)[];
  maxUs: (number | null)[];
  /** Errors the generators saw while measuring (a timeout counted when the point ends belongs to no interval). */
  errors: number[];
  /** Open loop: how late the interval's messages left against their schedule, p99 over every generator process's sends in it, µs (null where none was sent); absent for closed loop and churn, which keep no schedule. */
  sendLagP99Us?: (number | null)[];
  /** The server's process tree in the interval (null as a whole where it is not sampled: an external target). CPU in % of one core, 0.1 % steps. */
  serverCpuPercent: (number | null)[] | null;
  /** One /proc tick (10 ms of CPU) over a whole interval, in % of one core: the step the intervals' CPU is counted in, so a 0 there is "under this"; absent where the server is not sampled. */
  serverCpuResolutionPercent?: number;
  /** RSS summed over the tree, MiB to 0.1, sampled in the interval (the highest if sampled more than once). */
  serverRssMiB: (number | null)[] | null;
  /** PSS summed over the tree, MiB to 0.1, where a PSS read (about once a second) fell in the interval; null in the others. */
  serverPssMiB: (number | null)[] | null;
  /** The interval latency histograms as an HdrHistogram log, relative to the run directory (hlog/…): HistogramLogProcessor and HistogramLogAnalyzer read it. */
  hlog?: string;
}

/** The abandoned scenario's figures: clients that left while the server was busy, and what they cost the next one. */
export interface AbandonedFigures {
  /** Clients asked to connect and leave (with nothing sent, or after `departureBytes`) while the row's `connections` kept the server busy. */
  clients: number;
  /** Of those, the ones that connected and left (the rest failed to connect: see errors). */
  departed: number;
  /** ms from the first departing client's connect until all had left. */
  floodMs: number;
  /** Longest the flood plus the new client's first echo could take. */
  deadlineSec: number;
  /** ms from the new client's connect() to its whole first echo, after the busy connections closed; null: none came. */
  firstEchoMs: number | null;
  /** CPU seconds of the server's process tree from the flood's start until that echo (or giving up); null: not measured. */
  serverCpuSec: number | null;
  /** Departed clients the server reports having dropped unserved; null where the model does not count them. */
  serverAbandoned: number | null;
  /** Bytes each departing client sent before it left (the point's departureBytes): 0, it closed having sent nothing; above, it half-closed after them. */
  departureBytes: number;
  /** Clients that sent bytes and half-closed: what became of the echo the server owed them; null when they sent nothing (nothing is owed). */
  owedEchoes: OwedEchoes | null;
}

/** The abandoned scenario's half-closed departing clients, each followed until the server closed it or the deadline. */
export interface OwedEchoes {
  /** Got every byte they sent back before the server closed them. */
  echoed: number;
  /** Closed by the server (FIN or reset) before all of their bytes came back. */
  closedShort: number;
  /** Neither by the deadline: still waiting for the server. */
  waiting: number;
}

/** The connections scenario: each step's connections echo once when they open, then once every `echoEverySec` while held. */
export interface HoldParams {
  /** Seconds between a held connection's echoes: live, not idle. */
  echoEverySec: number;
  /** A connection still unanswered once the server has answered no new connection for this many seconds, idle meanwhile, counts as queued. */
  deadlineSec: number;
  /** Longest one model's series may take: a step whose start-up would overrun it is projected, not run. */
  budgetSec: number;
}

/**
 * One step of the connections scenario: the server's memory with the row's `connections` open, or
 * (projected) why the step was not run and what it would have needed. A measured figure of a projected
 * step is null, never 0.
 */
export interface ConnectionsStepFigures {
  /** uncapped: a model without a cap; raised: its cap raised to the step; default: at its default cap. */
  series: 'uncapped' | 'raised' | 'default';
  /** Live connections the model serves at most (its cap flag, or piscina's threads × connections per thread); null: no cap. */
  cap: number | null;
  echoEverySec: number;
  deadlineSec: number;
  /** Not run: it would pass the memory bound, the open-file limit or the time budget (projectedReason says which). */
  projected: boolean;
  projectedReason: string | null;
  /** The memory (PSS) the step was projected to need, from the previous step's cost per connection; null: no cost known yet. */
  projectedPssBytes: number | null;
  /** Half of the machine's MemAvailable before the step: the most the step may add. */
  safetyBoundBytes: number;
  /** The server's memory (PSS) with no client connected, read before the series' first step. */
  baselinePssBytes: number | null;
  /** The server's memory (PSS) with the step's connections open (the highest read while they were held). */
  pssBytes: number | null;
  /** (pssBytes − baselinePssBytes) / connections: what one open connection costs. */
  bytesPerConnection: number | null;
  processes: number | null;
  threads: number | null;
  /** Connections answered (each within the deadline of the previous answer). */
  served: number | null;
  /** Connections open but still unanswered when the server had answered no new one for the deadline, idle meanwhile: waiting for a slot. */
  queued: number | null;
  /** Connections that failed (refused, reset, timed out connecting). */
  failed: number | null;
  /** Echoes the held connections got back while the step lasted (after their first). */
  liveEchoes: number | null;
  /** A new connection opened once the step's are held: ms from its connect() to its first echo; null: none within the deadline, or not timed because connections were queued already (it would wait behind them). */
  firstEchoMs: number | null;
  /** ms from the step's first connect until its last served connection had its first echo. */
  startMs: number | null;
  /** Machine-wide, not the server's alone: the kernel's TCP buffer memory (/proc/net/sockstat) and TCP sockets in use. */
  kernelTcpBytes: number | null;
  kernelTcpSockets: number | null;
}

/** Closed loop (send, wait, send), open loop (a fixed offered rate) or churn (reconnect after N messages). */
export type LoadMode = 'closed' | 'open' | 'churn';

/** What a scenario is, and so how it runs and how its rows are told (see scenarios/kinds.ts). */
export type ScenarioKind = 'abandoned' | 'connections' | 'capacity' | 'slow-client' | 'churn' | 'open-loop' | 'cpu' | 'closed-loop';

/**
 * The server's CPUs: every one but the generator's ('rest'), every one ('all': CPU-bound scenarios), or
 * the first k of them (a core sweep, --server-cores; past its own CPUs it shares the generator's).
 */
export type ServerCores = 'rest' | 'all' | number;

/**
 * A scenario's parameters, every one a list, as Node core's benchmark/common.js declares them: the run
 * measures one point per combination of their values.
 */
export interface ParameterMatrix {
  /** Connections (closed and open loop) or concurrent connectors (churn). */
  connections: number[];
  messageSize: number[];
  /** Messages in flight per connection. */
  pipelining: number[];
  /** µs of server CPU per message (serve's --work-us, with --work-bytes = messageSize). */
  workUsPerMessage: number[];
  /** Open loop: offered msgs/s over all connections; above 0 it makes a closed-loop scenario open. */
  rate: number[];
  /** Churn: messages per connection before reconnecting; above 0 it makes a closed-loop scenario churn. */
  messagesPerConnection: number[];
  /** Closed loop: messages per point in all, spread over the connections, then the point ends (0: as many as the time allows). */
  amount: number[];
  /** Connections opened first that then send nothing for the whole run. */
  idleConnections: number[];
  /**
   * The abandoned scenario: bytes each departing client sends before it leaves. 0: it closes having
   * sent nothing (nobody is owed anything); above 0: it sends them and half-closes, and keeps reading,
   * so a correct server still owes it their echo.
   */
  departureBytes: number[];
  serverCores: ServerCores[];
}

/** The abandoned scenario: while `connections` keep the server busy, clients connect and leave; then one new client is timed. */
export interface AbandonParams {
  /** Clients that connect and leave (with nothing sent, or after the point's departureBytes) while the busy connections hold the server. */
  clients: number;
  /** Longest the flood plus the new client's first echo may take before the row fails. */
  deadlineSec: number;
}

/** A latency objective: this percentile of the open-loop corrected latency within `objectiveUs`. */
export interface Slo {
  percentile: 'p50' | 'p99' | 'p999';
  objectiveUs: number;
}

/** Why a capacity step failed: the server stopped answering (the row failed), it achieved under 99 % of the offered rate, or the objective's percentile was above the objective. */
export type StepFailure = 'status' | 'rate' | 'latency';

/** One step of a capacity search: the rate it offered (the row's targetRate) judged against the objective. */
export interface RateSearchStep {
  slo: Slo;
  /** 1 for the first measured rate of this model's search. */
  step: number;
  /** Achieved ≥ 99 % of offered and the objective's percentile within it. */
  passed: boolean;
  /** The generator fell behind its schedule at this step: a failure here may be the generator's, not the server's. */
  clientBound: boolean;
  /** Why it failed (empty where it passed); absent where the run did not record it (results/step-intervals.ts derives it from the row by the same rule). */
  failedOn?: StepFailure[];
  /** This step measured again the rate of step `confirms`, which failed in some of its intervals only (perhaps one stall): this one decides that rate. */
  confirms?: number;
  /** The model's answer, on its search's last step only. */
  result?: RateSearchResult;
}

/** The largest offered rate a model sustained within the objective, and the interval the true limit lies in. */
export interface RateSearchResult {
  /** Largest passing rate, msgs/s; null: not even the lowest rate tried passed. */
  sustainedRate: number | null;
  /** Smallest failing rate above it; null: no rate tried failed (the climb hit its step limit). */
  firstFailingRate: number | null;
  /** The server may sustain more: no step failed, or a failing step's generator was client-bound. */
  lowerBound: boolean;
  /** The first rate offered, and the closed-loop msgs/s of the short probe it was derived from. */
  startRate: number;
  probeMsgsPerSec: number;
  steps: number;
  /** No climbing step offered more (a multiple of the probe's closed-loop msgs/s); absent where the probe measured nothing or the run did not record it. */
  ceilingRate?: number;
  /** No step offered less: below it the longest step would hold fewer answers than stepAnswers (absent where the run did not record it). */
  minRate?: number;
  /** Answers each step was sized to hold at its offered rate (its length followed), so that its percentile stands on enough of them (absent where the run did not record it). */
  stepAnswers?: number;
}

/** A scenario as the run declared it. */
export interface ScenarioRecord {
  name: string;
  /** One sentence: what load, and what tradeoff it shows. */
  description: string;
  /** As declared: a rate or messages per connection from the command line turn a closed-loop scenario's points open or churn (each row says its own). */
  mode: LoadMode;
  /** The matrix as run (defaults, the declaration, --quick's shrink and the command line's overrides): one point per combination. */
  parameters: ParameterMatrix;
  abandon?: AbandonParams;
  /** Rate auto: each model's points are a capacity search for this objective, not the matrix's rates. */
  rateSearch?: { slo: Slo } & SearchShape;
  /** The connections scenario: how its held connections behave (its steps are `parameters.connections`). */
  hold?: HoldParams;
  /** Runs with --quick only: the declared values --quick replaced, as the full suite runs them. */
  withoutQuick?: { parameters?: Partial<ParameterMatrix>; abandon?: AbandonParams; hold?: HoldParams; search?: SearchShape };
}

/** How a capacity search steps, where a scenario sets it (--quick's coarser search); absent: the harness's defaults. */
export interface SearchShape {
  /** Each climbing step multiplies the rate by this. */
  factor?: number;
  /** Bisection steps between the last pass and the first fail. */
  bisections?: number;
  /** The longest a step measures, ms (a step lasts as long as its rate needs for its answers, up to this). */
  maxStepMs?: number;
}

export interface ResultRow {
  model: ModelId | 'external';
  /** Serve flags that make this row a variant of its model (worker's --thread-cache 64), named with it wherever the row is ("worker --thread-cache 64"); absent: the model as it starts by default. */
  serveFlags?: string[];
  /** model 'external' (--target): the server's address; the harness neither started, pinned nor measured it. */
  target?: { host: string; port: number };
  scenario: string;
  /** The kind of scenario the row is told as (results/scenario-kind.ts); absent in files written before rows recorded it, which derive it from the row's fields. */
  kind?: ScenarioKind;
  mode: LoadMode;
  connections: number;
  /** Connections opened before the others that sent nothing for the whole run (not in `connections`, nor in any figure). */
  idleConnections: number;
  pipelining: number;
  messageSize: number;
  /** µs of CPU the server is asked to spend per message. */
  workUsPerMessage: number;
  /** The kernel's counters over the measured windows: CPU, run-queue wait, switches, system calls, by role. Absent where not read. */
  anatomy?: Anatomy;
  /** The hash rounds it burned per message for that work, from the run's calibration (null: the server calibrated on its own, on another host); absent without work. */
  workRoundsPerMessage?: number | null;
  /**
   * ok; empty (the measured windows completed nothing: no message answered, or in churn no connection
   * completed, so there is no rate or latency to read); failed (no connection could be made, the server
   * died, did not start, never finished warming up, or stopped answering); incomplete (cut short).
   */
  status: 'ok' | 'empty' | 'failed' | 'incomplete';
  /** Failed: why, as observed. */
  failure?: string;
  /** Empty: what the windows saw, and what to change where something can be (e.g. "no connection completed in 0.4 s; raise -d"). */
  emptyReason?: string;
  /** Seconds per measured window; each repeat is one window. */
  durationSec: number;
  repeats: number;
  /** Where this row's server and generator ran (CPU-bound scenarios may give the server every core). */
  placement: Placement;
  /** How many CPUs the server was pinned to (a core sweep's k); null: not pinned (or not ours). Absent in runs before core sweeps. */
  serverCores?: number | null;
  msgsPerSec: Estimate;
  bytesPerSec: Estimate;
  /** Open loop: from each message's intended send time (coordinated omission corrected). Closed loop: from its actual send time. */
  latencyUs: LatencySummary;
  /** Open loop only: from the actual send time, for comparison. */
  latencyUncorrectedUs?: LatencySummary;
  /** Open loop only. */
  targetRate?: number;
  achievedRate?: Estimate;
  /** Open loop: achieved under the held share of target (results/held-rate.ts). */
  rateShortfall?: boolean;
  /** Capacity search (-R auto) only: this row is one step of a model's search; its last step carries the answer. */
  rateSearch?: RateSearchStep;
  /** Churn only. */
  connectionsPerSec?: Estimate;
  connectLatencyUs?: LatencySummary;
  /** Abandoned scenario only. */
  abandoned?: AbandonedFigures;
  /** Connections scenario only. */
  connectionsStep?: ConnectionsStepFigures;
  errors: Record<ErrorKind, number>;
  fairness: {
    /** Jain's index over messages per connection: 1 = perfectly even, 1/n = one connection got all. */
    jain: number;
    /** Connections that got no echo at all during the measured interval. */
    starved: number;
    /** Messages answered per connection (closed loop and open loop). */
    perConnection: number[];
  };
  /** The server's process tree as sampled from /proc; null where nothing was measured (an external target, a server that never ran). */
  server: {
    cpuPercent: number;
    /** One /proc tick (10 ms) over the sampled span, in %: a cpuPercent below it means less than one tick was counted, not none. */
    cpuResolutionPercent?: number;
    userPercent: number;
    systemPercent: number;
    /** The server's memory: the highest PSS summed over its process tree (see ServerSample.pssBytes). */
    peakPssBytes: number;
    /** Secondary: the highest summed RSS, which overstates a forked tree's memory by its shared pages. */
    peakRssBytes: number;
    maxProcesses: number;
    maxThreads: number;
    series: ServerSample[];
  } | null;
  /** The measured windows per interval (--interval); absent where the point measured no windows (failed before, abandoned scenario). */
  intervals?: IntervalSeries;
  client: {
    cpuPercent: number;
    /** Event-loop utilisation of the busiest generator process, 0..1. */
    elu: number;
    /** The generator was saturated (closed loop: ELU ≥ 0.9; open loop: its sends ran late): msgsPerSec is then a lower bound. */
    clientBound: boolean;
    /** Open loop: p99 of how late messages left against the schedule, µs. */
    sendLagP99Us?: number;
    processes: number;
    /** Open loop: the median send lag, µs (absent in runs from before it was recorded). */
    sendLagP50Us?: number;
    /** --generator-hosts: each host's share (host 'local' is this machine), its own client-bound mark, and its latency histogram. */
    hosts?: {
      host: string;
      processes: number;
      messages: number;
      elu: number;
      clientBound: boolean;
      latencyCount: number;
      /** Encoded HdrHistogram (µs) of this host's answers; the row's latency is these merged by adding. */
      latencyHistogram: string;
    }[];
  };
  /** --server-host: the host the server ran on (user@host); absent: this machine. */
  serverHost?: string;
}
