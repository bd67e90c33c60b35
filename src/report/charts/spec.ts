/**
 * Shared pieces of every chart spec: the model colour and status encodings, the environment
 * footnote and the page frame. Specs are plain vega-lite JSON; vega-lite validates them when compiled.
 */
import { answersNeeded } from '../../results/latency-support.js';
import type { Estimate, ResultRow, ResultsFile } from '../../results/schema.js';
import { andList, MIB } from '../../results/format.js';
import { serversIn } from '../model-colours.js';
import { drawnStatus, statusScales } from '../../results/row-status.js';
import { distinctPointLabels, pointLabel } from '../rows.js';
import { serverKey, serverLabel } from '../../results/server-label.js';
import { externalServer, externalTarget } from '../target.js';
import { wrapLines } from './wrap-lines.js';

/** A vega-lite spec as JSON; typed loosely here because vega-lite checks it at compile time. */
export type VlSpec = Record<string, unknown>;

export interface ChartDefinition {
  /** File name stem: charts/<name>.svg and .png. */
  name: string;
  title: string;
  /** How to read the chart, for the report page (no measured numbers: those are in the narrative). */
  caption: string;
  /** The scenario whose section shows the chart; none: the overview (charts across scenarios). */
  scenario?: string;
  /** The body of the chart, or null when the run has no rows for it. */
  build(results: ResultsFile): ChartBody | null;
}

export interface ChartBody {
  /** One line under the title with what was measured (scenario parameters). */
  subtitle: string;
  /** Lines under it about what the chart leaves out or cannot show (rows not drawn, figures not measured). */
  notes?: string[];
  body: VlSpec;
  /** The rows drawn: the footnote names their placement (CPU-bound scenarios may pin differently). */
  rows: readonly ResultRow[];
}

/** The fields every chart's data carries for a row: who, where, and whether to trust it. */
export function rowFields(row: ResultRow): { model: string; point: string; status: string } {
  return { model: serverKey(row), point: pointLabel(row), status: drawnStatus(row) };
}

/** Colour by model, the same colour for the same model in every chart. */
export function colourByModel(rows: readonly ResultRow[]): VlSpec {
  const servers = serversIn(rows);
  return { field: 'model', type: 'nominal', title: 'Model', scale: { domain: servers.map((s) => s.key), range: servers.map((s) => s.colour) }, ...modelLabels(rows, 'legend') };
}

/**
 * A legend's or axis's labels for the models: an external server named by its address too ("external
 * 127.0.0.1:9100", its model says little), and with `label`, whatever else a label should carry.
 */
function modelLabels(rows: readonly ResultRow[], guide: 'legend' | 'axis', guideProperties: VlSpec = {}, label: (row: ResultRow) => string = serverLabel): VlSpec {
  const renamed = Object.fromEntries(rows.map((row) => [serverKey(row), label(row)]).filter(([key, text]) => key !== text));
  if (Object.keys(renamed).length === 0) return Object.keys(guideProperties).length > 0 ? { [guide]: guideProperties } : {};
  return { [guide]: { ...guideProperties, labelExpr: `${JSON.stringify(renamed)}[datum.value] || datum.label` } };
}

/** Point shape by row status, so client-bound and failed points stand out in colour and greyscale. */
export function shapeByStatus(rows: readonly ResultRow[], includeMeasured = true): VlSpec {
  const { domain, shapes } = statusScales(rows, includeMeasured);
  return { field: 'status', type: 'nominal', title: 'Status', scale: { domain, range: shapes }, ...onlyIfInformative(domain) };
}

/** A Status legend that would only say "measured" is noise: leave it out. */
function onlyIfInformative(domain: readonly string[]): VlSpec {
  return domain.length === 1 && domain[0] === 'measured' ? { legend: null } : {};
}

/** Opacity by row status, with a legend: for lines, which have neither shape nor marker. */
export function opacityByStatus(rows: readonly ResultRow[]): VlSpec {
  const { domain, opacities } = statusScales(rows);
  return { field: 'status', type: 'ordinal', sort: domain, title: 'Status', scale: { domain, range: opacities }, ...onlyIfInformative(domain) };
}

/** Bars fade when not a plain measurement; their status marker or label (below) says why, so no scale or legend here. */
export const FADE_UNLESS_MEASURED: VlSpec = { condition: { test: "datum.status != 'measured'", value: 0.4 }, value: 1 };

/**
 * Bars have no shape: a black marker on the end of each bar that is not a plain measurement
 * (client-bound, failed, ...), explained by the Status legend. It sits at the bar's own value, never at
 * a fixed height above it, where it would read as a value of its own. Null when every row is plain.
 */
export function statusMarkers(rows: readonly ResultRow[], encoding: VlSpec): VlSpec | null {
  if (statusScales(rows, false).domain.length === 0) return null;
  return {
    transform: [{ filter: "datum.status != 'measured'" }],
    mark: { type: 'point', filled: true, size: 70, color: '#111', stroke: 'white', strokeWidth: 1 },
    encoding: { ...encoding, shape: shapeByStatus(rows, false) },
  };
}

/** A label with the row's status when it is not a plain measurement: "sequential (nothing completed)". */
function withStatus(label: string, row: ResultRow): string {
  const status = drawnStatus(row);
  return status === 'measured' ? label : `${label} (${status})`;
}

/**
 * A chart's label for a row some of whose connections got no answer at all ("15 of 16 starved"), drawn
 * on the point it qualifies: its figures are those of the connections served. Empty for the others.
 */
export function starvedField(row: ResultRow): { starvedLabel: string } {
  return { starvedLabel: row.fairness.starved > 0 ? `${row.fairness.starved} of ${row.connections} starved` : '' };
}

/**
 * The rows `named` among `rows`, for a note, grouped by scenario point so a long run stays one short
 * line: "slow-client c=15: sequential and piscina; churn c=16: fork". Points are told apart as the
 * charts tell them ("connections c=100, cap raised").
 */
function rowsByPoint(rows: readonly ResultRow[], named: readonly ResultRow[], name: (row: ResultRow) => string = (row) => row.model): string {
  const label = distinctPointLabels(rows);
  const points = new Map<string, string[]>();
  for (const row of named) points.set(label(row), [...(points.get(label(row)) ?? []), name(row)]);
  return [...points].map(([point, names]) => `${point}: ${andList(names)}`).join('; ');
}

/** A latency chart's note: the rows among `rows` that answered nothing, so have no latency to draw. */
export function unansweredNote(rows: readonly ResultRow[]): string[] {
  const silent = rows.filter((row) => row.latencyUs.count === 0);
  return silent.length === 0 ? [] : [`Not drawn, no message answered: ${rowsByPoint(rows, silent)}`];
}

/** A latency chart's note: the answering rows among `rows` whose p99 too few answers back (fewer than 100), so it is not drawn. */
export function thinNote(rows: readonly ResultRow[]): string[] {
  const thin = rows.filter((row) => row.latencyUs.count > 0 && row.latencyUs.p99 === null);
  return thin.length === 0 ? [] : [`No p99 drawn, fewer than ${answersNeeded('p99')} answers: ${rowsByPoint(rows, thin, (row) => `${row.model} (${row.latencyUs.count})`)}`];
}

/** A server chart's note: the rows among `rows` whose server was not sampled (an external target, a server that never ran). */
export function notMeasuredNote(rows: readonly ResultRow[]): string[] {
  const unsampled = rows.filter((row) => row.server === null);
  return unsampled.length === 0 ? [] : [`Not drawn, server not measured: ${rowsByPoint(rows, unsampled)}`];
}

/** A median and the range of its repeats as chart fields. */
export function estimateFields(estimate: Estimate): { value: number; lo: number; hi: number } {
  return { value: estimate.median, lo: estimate.range[0], hi: estimate.range[1] };
}

/**
 * Text that stays legible over bars and whiskers: the same text drawn first as a thick white outline.
 * `mark` holds the text mark's own properties (alignment, offsets, size).
 */
export function haloText(mark: VlSpec, encoding: VlSpec): VlSpec[] {
  const text = { type: 'text', fontSize: 10, color: '#222', ...mark };
  return [
    { mark: { ...text, stroke: 'white', strokeWidth: 4, strokeJoin: 'round' }, encoding },
    { mark: text, encoding },
  ];
}

/** For a log axis: the power of ten at or below half the smallest positive value, room under the lowest point. */
export function logFloor(values: readonly number[]): number {
  const positive = values.filter((v) => v > 0);
  return positive.length === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.min(...positive) / 2));
}

/**
 * Tick labels with no trailing zeros ("0", "0.5", "20,000"): a panel whose values are all 0 has an empty
 * domain, and the default format then labels its one tick "0.000000".
 */
export const PLAIN_TICKS: VlSpec = { format: ',~r' };

/** Layers without the nulls (optional layers such as status markers). */
export function layers(...specs: (VlSpec | null)[]): VlSpec[] {
  return specs.filter((spec): spec is VlSpec => spec !== null);
}

/**
 * Latency axes on a log scale labelled in the unit a reader expects (µs, ms, s), one tick per power of ten.
 * `domain`: fixed ends (not rounded further), for a chart that places labels in pixels on it.
 */
export function latencyScale(title: string, domain?: readonly [number, number]): VlSpec {
  return {
    title,
    scale: domain ? { type: 'log', domain, nice: false } : { type: 'log' },
    axis: {
      labelExpr:
        "datum.value >= 1e6 ? format(datum.value / 1e6, '~g') + ' s' : datum.value >= 1000 ? format(datum.value / 1000, '~g') + ' ms' : format(datum.value, '~g') + ' µs'",
      values: Array.from({ length: 10 }, (_, i) => 10 ** i),
    },
  };
}

/**
 * Models along a nominal x axis, in the stable model order. `statusInLabel`: for charts with one row
 * per model whose bars carry no marker, a row that is not a plain measurement says so in its label
 * ("sequential (nothing completed)"), where it cannot be read as a value.
 */
export function modelAxis(rows: readonly ResultRow[], statusInLabel = false): VlSpec {
  const label = statusInLabel ? (row: ResultRow) => withStatus(serverLabel(row), row) : serverLabel;
  return { field: 'model', type: 'nominal', title: 'Model', sort: serversIn(rows).map((s) => s.key), ...modelLabels(rows, 'axis', { labelAngle: -30 }, label) };
}

/** The environment in three short lines (four with an external server): every chart carries it, so a copied PNG keeps its context. */
function footnoteLines(results: ResultsFile, rows: readonly ResultRow[]): string[] {
  const { env } = results;
  const placements = [...new Set(rows.map((row) => (row.placement ?? env.placement).note))];
  const target = externalTarget({ results: rows });
  return [
    `Run ${results.runId}, ${env.date}${results.complete ? '' : ' (INCOMPLETE run: partial rows)'}`,
    `${env.cpuModel}, ${env.cores} cores, ${(env.memoryBytes / 1024 / MIB).toFixed(1)} GiB RAM, Node ${env.node}, ${env.kernel}`,
    ...(target ? [`Server: ${externalServer(target)}, not started, pinned or measured by the harness`] : []),
    `Placement: ${placements.length > 0 ? placements.join(' | ') : env.placement.note}`,
  ];
}

/** The widest a line of the subtitle or the footnote may run: wider, it would set the chart's width. */
const TEXT_LINE_PX = 760;
const SUBTITLE_FONT_SIZE = 12;
const FOOTNOTE_FONT_SIZE = 10;

/** The footnote as the body's own bottom title: it then travels with the body, and legends stay beside the plot. */
function footnote(lines: string[]): VlSpec {
  return { text: wrapLines(lines, FOOTNOTE_FONT_SIZE, TEXT_LINE_PX), orient: 'bottom', anchor: 'start', fontSize: FOOTNOTE_FONT_SIZE, fontWeight: 'normal', color: '#555', offset: 18, lineHeight: 13 };
}

/** A chart as drawn: title, subtitle, the body, then the environment footnote. */
export function framedChart(title: string, chart: ChartBody, results: ResultsFile): VlSpec {
  const { body, rows } = chart;
  const subtitle = wrapLines([chart.subtitle, ...(chart.notes ?? [])], SUBTITLE_FONT_SIZE, TEXT_LINE_PX);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 12,
    title: { text: title, subtitle, anchor: 'start', fontSize: 15, subtitleFontSize: SUBTITLE_FONT_SIZE, subtitleColor: '#444' },
    // One view in a concat only so that it can carry a second title: the footnote, at the bottom.
    vconcat: [{ ...body, title: footnote(footnoteLines(results, rows)) }],
    config: {
      font: 'DejaVu Sans, Verdana, sans-serif',
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e6e6e6' },
      legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
      header: { labelFontSize: 11, titleFontSize: 12 },
      view: { stroke: '#ccc' },
    },
  };
}
