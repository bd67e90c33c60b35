/**
 * The report at a glance: one row per server (a model, or a variant of it), one column per scenario,
 * each cell that scenario's headline figure read from the rows, its ratio to the column's best, its
 * rank (ties shared) and its marks. The HTML and Markdown renderers only lay this out.
 */
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { serverKey, serverLabel } from '../../results/server-label.js';
import { serversIn } from '../model-colours.js';
import { rowsOf, scenariosIn } from '../rows.js';
import { headlineFor, type Bounds, type Headline, type HeadlineFigure } from './headlines.js';
import { cellMarks, UNRANKED, type MarkKind } from './marks.js';
import { ranks } from './rank.js';
import { repeatsIn } from '../intervals.js';

export interface ScoreCell {
  /** The headline figure; null where the server has no row here or the row measured none. */
  value: number | null;
  /** The figure as printed ("69,000", "2.1 ms"); "—" where there is none. */
  text: string;
  /** value / the column's best (1: the best; above 1 in a lower-is-better column means worse). */
  ratio: number | null;
  /** In (0, 1], 1 the best, whichever way the column is better: the overview chart's colour. */
  score: number | null;
  /** 1 for the best and every cell tied with it; null: not ranked (no figure, or an impossible one). */
  rank: number | null;
  marks: MarkKind[];
  /** Where the figure was read when the column does not say it ("c=1,000"). */
  at?: string;
  /** The server ran this scenario. */
  ran: boolean;
}

export interface ScoreColumn {
  scenario: string;
  /** The headline figure, e.g. "msgs/s c=64". */
  header: string;
  better: 'higher' | 'lower';
  /** What a bare figure of the column is in ("msgs/s"); empty where its text says it ("2.1 ms"). */
  unit: string;
  /** The lowest rank given: 1 when every ranked cell ties. */
  worstRank: number;
  /** No ranked cell has bounds (each figure measured once): the column ranks nothing. */
  measuredOnce: boolean;
}

export interface ScoreRow {
  /** The charts' key for the server (model and flags). */
  key: string;
  /** As tables name it: "worker --thread-cache 64". */
  label: string;
  model: ResultRow['model'];
  cells: ScoreCell[];
}

export interface Scoreboard {
  columns: ScoreColumn[];
  rows: ScoreRow[];
  /** The most repeats behind a cell: what chance alone can order. */
  repeats: number;
}

interface Read {
  figure: HeadlineFigure | null;
  marks: MarkKind[];
  ran: boolean;
}

/** The same parameters as the column's point: every server is read where the others are. */
function samePoint(a: ResultRow, b: ResultRow): boolean {
  return a.connections === b.connections && a.messageSize === b.messageSize && (a.serverCores ?? null) === (b.serverCores ?? null) && a.targetRate === b.targetRate;
}

/** A client-bound figure could be better than measured, never worse: its bound on the better side is gone. */
function widened(bounds: Bounds | null, headline: Headline, marks: readonly MarkKind[]): Bounds | null {
  if (!bounds || !marks.includes('client-bound')) return bounds;
  return headline.better === 'higher' ? { ...bounds, high: Number.POSITIVE_INFINITY } : { ...bounds, low: Number.NEGATIVE_INFINITY };
}

function readServer(headline: Headline, serverRows: readonly ResultRow[], point: ResultRow | undefined): Read {
  if (serverRows.length === 0) return { figure: null, marks: [], ran: false };
  const candidates = headline.perServer || !point ? serverRows : serverRows.filter((row) => samePoint(row, point));
  const row = headline.pick(candidates);
  if (!row) return { figure: null, marks: [], ran: false };
  const marks = cellMarks(row, serverRows);
  const figure = row.status === 'ok' ? headline.figure(row) : null;
  return { figure: figure && { ...figure, bounds: widened(figure.bounds, headline, marks) }, marks, ran: true };
}

function column(scenario: string, rows: readonly ResultRow[], servers: readonly string[]): { column: ScoreColumn; cells: ScoreCell[] } {
  const headline = headlineFor(rows);
  const point = headline.pick(rows.filter((row) => row.status === 'ok'));
  const reads = servers.map((key) => readServer(headline, rows.filter((row) => serverKey(row) === key), point));
  const rankable = reads.map((read) => read.figure !== null && !read.marks.some((mark) => UNRANKED.has(mark)));
  const ranked = reads.filter((_, i) => rankable[i]).map((read) => read.figure!);
  const rankOf = ranks(ranked, headline.better);
  const values = ranked.map((figure) => figure.value);
  const best = values.length === 0 ? null : headline.better === 'higher' ? Math.max(...values) : Math.min(...values);
  let next = 0;
  const cells = reads.map((read, i): ScoreCell => {
    const value = read.figure?.value ?? null;
    const rank = rankable[i] ? rankOf[next++]! : null;
    // A starved cell's figure is of the few connections served: a ratio would compare it with whole loads.
    const ratio = value !== null && best !== null && best > 0 && !read.marks.includes('starved') ? value / best : null;
    const score = ratio === null || ratio <= 0 ? null : Math.min(ratio, 1 / ratio);
    return { value, text: value === null ? '—' : headline.show(value), ratio, score: rank === null ? null : score, rank, marks: read.marks, ran: read.ran, ...(read.figure?.at ? { at: read.figure.at } : {}) };
  });
  const header = headline.header(rows);
  return {
    column: { scenario, header, better: headline.better, unit: headline.unit, worstRank: Math.max(1, ...rankOf), measuredOnce: ranked.length > 1 && ranked.every((figure) => figure.bounds === null) },
    cells,
  };
}

export function scoreboard(results: Pick<ResultsFile, 'scenarios' | 'results'>): Scoreboard {
  const servers = serversIn(results.results);
  const keys = servers.map((server) => server.key);
  const built = scenariosIn(results).map((scenario) => column(scenario, rowsOf(results.results, scenario), keys));
  const rows = keys.map((key, i): ScoreRow => {
    const example = results.results.find((row) => serverKey(row) === key)!;
    return { key, label: serverLabel(example), model: example.model, cells: built.map((entry) => entry.cells[i]!) };
  });
  return { columns: built.map((entry) => entry.column), rows, repeats: repeatsIn(results.results) };
}
