/**
 * Each scenario kind's headline figure: the one number a reader compares the models on, read from
 * the row that carries it, with the bounds its repeats (or its search) put on the true value. Typed by
 * ScenarioKind like the kind's other entries (scenarios/kinds.ts lists them; its story: report/narrative/index.ts).
 */
import type { Estimate, ResultRow } from '../../results/schema.js';
import { latency, mebibytes, num } from '../../results/format.js';
import { kindOf, type ScenarioKind } from '../../results/scenario-kind.js';

/** The true value lies in [low, high] (high exclusive where `openAbove`); a bound not known is infinite. */
export interface Bounds {
  low: number;
  high: number;
  /** A capacity search's first failing rate: the limit is below it, not at it. */
  openAbove?: boolean;
}

export interface HeadlineFigure {
  value: number;
  /** Null: measured once, so nothing orders it against another cell. */
  bounds: Bounds | null;
  /** The scenario's point it was read at, where the column does not say: "c=1,000". */
  at?: string;
}

export interface Headline {
  /** The column's figure, e.g. "msgs/s c=64". */
  header(rows: readonly ResultRow[]): string;
  better: 'higher' | 'lower';
  /**
   * Each server's own row (its search's answer, its highest step) rather than the one point `pick`
   * chooses from all the scenario's rows, which every server is then read at.
   */
  perServer?: true;
  /** One server's rows in the scenario → the row the figure is read from (undefined: the server has none). */
  pick(rows: readonly ResultRow[]): ResultRow | undefined;
  /** The figure, or null where the row measured none. */
  figure(row: ResultRow): HeadlineFigure | null;
  show(value: number): string;
  /** The unit a bare figure is in, where `show` prints none ("msgs/s"); empty where it does ("2.1 ms"). */
  unit: string;
}

/** The bounds of a figure repeated: its range, where there was more than one repeat. */
function repeated(estimate: Estimate | undefined): HeadlineFigure | null {
  if (!estimate || estimate.runs.length === 0) return null;
  return { value: estimate.median, bounds: estimate.runs.length > 1 ? { low: estimate.range[0], high: estimate.range[1] } : null };
}

function scaled(estimate: Estimate, factor: number): Estimate {
  const [low, high] = estimate.range;
  return { median: estimate.median * factor, range: [low * factor, high * factor], runs: estimate.runs.map((run) => run * factor) };
}

const most = (value: (row: ResultRow) => number) => (rows: readonly ResultRow[]) =>
  [...rows].sort((a, b) => value(b) - value(a))[0];
/** "all" cores (null) counts as more than any pinned count. */
const cores = (row: ResultRow) => row.serverCores ?? Number.POSITIVE_INFINITY;
const topPoint = most((row) => row.connections * 1e6 + Math.min(cores(row), 1e5));
const mostCores = most((row) => Math.min(cores(row), 1e5) * 1e6 + row.connections);
const topConnections = (rows: readonly ResultRow[]) => Math.max(...rows.map((row) => row.connections));
const atTop = (figure: string) => (rows: readonly ResultRow[]) => `${figure} c=${topConnections(rows)}`;

const CAPACITY: Headline = {
  header: () => 'sustained msgs/s',
  better: 'higher',
  perServer: true,
  pick: (rows) => rows.find((row) => row.rateSearch?.result),
  figure: (row) => {
    const result = row.rateSearch?.result;
    if (!result || result.sustainedRate === null) return null;
    const high = result.lowerBound || result.firstFailingRate === null ? Number.POSITIVE_INFINITY : result.firstFailingRate;
    return { value: result.sustainedRate, bounds: { low: result.sustainedRate, high, openAbove: true } };
  },
  show: num,
  unit: 'msgs/s',
};

const ABANDONED: Headline = {
  header: () => 'first echo',
  better: 'lower',
  pick: topPoint,
  figure: (row) => (row.abandoned?.firstEchoMs == null ? null : { value: row.abandoned.firstEchoMs, bounds: null }),
  show: (ms) => latency(ms * 1000),
  unit: '',
};

/** The highest step the server's series measured: its cost per connection. */
const CONNECTIONS: Headline = {
  header: () => 'memory per connection',
  better: 'lower',
  perServer: true,
  pick: most((row) => (row.connectionsStep?.bytesPerConnection != null && row.connectionsStep.series !== 'default' ? row.connections : -1)),
  figure: (row) => {
    const perConnection = row.connectionsStep?.bytesPerConnection;
    return perConnection == null ? null : { value: perConnection, bounds: null, at: `c=${num(row.connections)}` };
  },
  show: (bytes) => (bytes < 1024 * 1024 ? `${num(bytes / 1024)} KiB` : mebibytes(bytes)),
  unit: '',
};

const CHURN: Headline = {
  header: atTop('conn/s'),
  better: 'higher',
  pick: topPoint,
  figure: (row) => repeated(row.connectionsPerSec),
  show: num,
  unit: 'conn/s',
};

/** Latency at equal offered load: the p99 of each repeat bounds it. */
const OPEN: Headline = {
  header: (rows) => `p99 at ${num(Math.max(...rows.map((row) => row.targetRate ?? 0)))} msgs/s`,
  better: 'lower',
  pick: most((row) => (row.targetRate ?? 0) * 1e3 + row.connections),
  figure: (row) => {
    if (row.latencyUs.p99 === null) return null;
    const runs = (row.latencyUs.p99Runs ?? []).filter((p99): p99 is number => p99 !== null);
    return { value: row.latencyUs.p99, bounds: runs.length > 1 ? { low: Math.min(...runs), high: Math.max(...runs) } : null };
  },
  show: latency,
  unit: '',
};

const CPU: Headline = {
  header: (rows) => {
    const point = mostCores(rows)!;
    return `msgs/s c=${point.connections}, ${point.serverCores ?? 'all'} cores`;
  },
  better: 'higher',
  pick: (rows) => mostCores(rows),
  figure: (row) => repeated(row.msgsPerSec),
  show: num,
  unit: 'msgs/s',
};

/** Bulk bytes: what a large message's echo is measured in. */
const LARGE: Headline = {
  header: () => 'MB/s',
  better: 'higher',
  pick: topPoint,
  figure: (row) => repeated(scaled(row.bytesPerSec, 1e-6)),
  show: num,
  unit: 'MB/s',
};

const MESSAGES: Headline = {
  header: atTop('msgs/s'),
  better: 'higher',
  pick: topPoint,
  figure: (row) => repeated(row.msgsPerSec),
  show: num,
  unit: 'msgs/s',
};

/** Bulk messages are measured in bytes, small ones in messages. */
const CLOSED_LOOP = (first: ResultRow): Headline => (first.messageSize >= 16 * 1024 ? LARGE : MESSAGES);

/** Each kind of scenario's headline; a closed loop's depends on its message size. */
const HEADLINES: Record<ScenarioKind, (first: ResultRow) => Headline> = {
  capacity: () => CAPACITY,
  abandoned: () => ABANDONED,
  connections: () => CONNECTIONS,
  churn: () => CHURN,
  'open-loop': () => OPEN,
  cpu: () => CPU,
  'slow-client': () => MESSAGES,
  'closed-loop': CLOSED_LOOP,
};

export function headlineFor(rows: readonly ResultRow[]): Headline {
  return HEADLINES[kindOf(rows[0]!)](rows[0]!);
}
