/**
 * What one open connection costs each model, read from the connections scenario's rows: per series
 * (a model, and for capped models its cap raised or at its default), the memory (PSS) its largest
 * measured step added over the idle server, divided by that step's connections. Tables, the chart
 * and the narrative all read it here, so they say the same figure.
 */
import type { ConnectionsStepFigures, ResultRow } from './schema.js';

export interface SeriesCost {
  model: ResultRow['model'];
  series: ConnectionsStepFigures['series'];
  cap: number | null;
  /** The series' rows, by step. */
  rows: ResultRow[];
  /** Its largest step with a memory reading; undefined if none was measured. */
  top: ResultRow | undefined;
  baselinePssBytes: number | null;
  /** (PSS at the top step − PSS idle) / its connections; null: nothing measured, or the memory did not grow. */
  bytesPerConnection: number | null;
  /**
   * Connections the machine's whole memory would hold at that cost (the chart's wall); null without a cost,
   * and for a series whose top step did not serve every connection it held (sequential answering 1 of
   * 1,000): the others waited unaccepted, so its cost is not that of a connection served.
   */
  wallConnections: number | null;
}

/** "fork (cap raised)", "fork (default cap 64)", "event-loop". */
export function seriesLabel(cost: Pick<SeriesCost, 'model' | 'series' | 'cap'>): string {
  if (cost.series === 'raised') return `${cost.model} (cap raised)`;
  if (cost.series === 'default') return `${cost.model} (default cap ${cost.cap})`;
  return cost.model;
}

const measuredPss = (row: ResultRow) => row.connectionsStep?.pssBytes ?? null;

/** Every connection the step held was answered: what it measured is the memory of connections served. */
const servedAll = (row: ResultRow) => row.connectionsStep?.served === row.connections;

export function seriesCosts(rows: readonly ResultRow[], memoryBytes: number): SeriesCost[] {
  const groups = new Map<string, ResultRow[]>();
  for (const row of rows) {
    if (!row.connectionsStep) continue;
    const key = `${row.model} ${row.connectionsStep.series}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const sorted = group.sort((a, b) => a.connections - b.connections);
    const { series, cap, baselinePssBytes } = sorted[0]!.connectionsStep!;
    const top = sorted.filter((row) => measuredPss(row) !== null).at(-1);
    const added = top && baselinePssBytes !== null ? measuredPss(top)! - baselinePssBytes : null;
    const bytesPerConnection = added !== null && added > 0 ? added / top!.connections : null;
    return {
      model: sorted[0]!.model,
      series,
      cap,
      rows: sorted,
      top,
      baselinePssBytes,
      bytesPerConnection,
      wallConnections: bytesPerConnection === null || !servedAll(top!) ? null : Math.floor((memoryBytes - (baselinePssBytes ?? 0)) / bytesPerConnection),
    };
  });
}
