/** Narrative for the connections scenario: what one open connection costs each model in memory, what it is made of, and where the machine's memory ends. */
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { andList, count, num, times } from '../../results/format.js';
import { memorySize } from '../../results/memory-size.js';
import { seriesCosts, seriesLabel, type SeriesCost } from '../../results/connection-cost.js';


/** What the connection is made of, read from the top step's processes and threads: one of each per connection, or neither. */
function madeOf(top: ResultRow): string {
  const { processes, threads } = top.connectionsStep!;
  const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;
  const at = `${plural(processes!, 'process')} and ${plural(threads!, 'thread')} at ${count(top.connections)} connections`;
  if (processes! >= top.connections) return `a Node process each (${at})`;
  if (threads! >= top.connections) return `a V8 isolate and its thread each (${at})`;
  return `a socket and its JS objects (${at})`;
}

/** Connections left waiting at the top step: a queue, not live connections, so not a cost per connection. */
const queuedAtTop = (cost: SeriesCost) => (cost.top?.connectionsStep!.queued ?? 0) > 0;

/** The series that hold their connections live (not a capped default, none left queued), costliest first. */
const paying = (costs: SeriesCost[]) =>
  costs.filter((cost) => cost.series !== 'default' && cost.bytesPerConnection !== null && !queuedAtTop(cost)).sort((a, b) => b.bytesPerConnection! - a.bytesPerConnection!);

/** The range at a glance: the costliest and the cheapest connection, and how far apart. */
function rangeSentence(costs: SeriesCost[]): string | null {
  const [most, ...rest] = paying(costs);
  if (!most) return null;
  const least = rest.at(-1);
  const what = `${seriesLabel(most)} about ${memorySize(most.bytesPerConnection)}, ${madeOf(most.top!)}`;
  if (!least) return `One open, live connection cost ${what}, in memory (PSS) added over the idle server.`;
  return (
    `One open, live connection cost from ${seriesLabel(least)}'s ${memorySize(least.bytesPerConnection)} to ${what}, in memory (PSS) added over ` +
    `the idle server: ${times(most.bytesPerConnection! / least.bytesPerConnection!)} as much.`
  );
}

/** Every model's cost, and what its connection is made of. */
function costSentence(costs: SeriesCost[]): string | null {
  const parts = paying(costs).map((cost) => `${seriesLabel(cost)} about ${memorySize(cost.bytesPerConnection)}, ${madeOf(cost.top!)}`);
  return parts.length < 2 ? null : `Per connection: ${andList(parts)}.`;
}

function wallSentence(costs: SeriesCost[], memoryBytes: number): string | null {
  const walls = costs.filter((cost) => cost.series !== 'default' && cost.wallConnections !== null).sort((a, b) => a.wallConnections! - b.wallConnections!);
  if (walls.length === 0) return null;
  const parts = walls.map((cost) => `about ${num(cost.wallConnections!)} ${cost.model} connections`);
  return `At those costs this machine's ${memorySize(memoryBytes)} would hold ${andList(parts)}.`;
}

function capSentence(costs: SeriesCost[]): string | null {
  const served = (cost: SeriesCost) => {
    const step = cost.top!.connectionsStep!;
    return `${cost.model} served ${count(step.served!)} of ${count(cost.top!.connections)} connections and left ${count(step.queued!)} queued, in ${memorySize(step.pssBytes)}`;
  };
  const capped = costs.filter((cost) => cost.series === 'default' && queuedAtTop(cost));
  // A model with no cap that still queues (sequential serves one at a time): its memory is that of a queue too.
  const serial = costs.filter((cost) => cost.series !== 'default' && queuedAtTop(cost));
  const sentences = [
    capped.length > 0 ? `At their default caps, ${andList(capped.map(served))}: the cap keeps the memory flat by making connections wait.` : '',
    serial.length > 0 ? `Without a cap, ${andList(serial.map(served))}: waiting connections cost it little, so its figure is not a cost per live connection.` : '',
  ].filter(Boolean);
  return sentences.length === 0 ? null : sentences.join(' ');
}

function kernelSentence(rows: readonly ResultRow[]): string | null {
  const measured = rows.filter((row) => row.connectionsStep!.kernelTcpBytes !== null);
  if (measured.length === 0) return null;
  const most = measured.reduce((a, b) => (b.connections > a.connections ? b : a));
  return `Machine-wide, the kernel's TCP buffers held ${memorySize(most.connectionsStep!.kernelTcpBytes)} with ${count(most.connections)} connections open to ${most.model} (both ends of each on this machine), memory no process's PSS includes.`;
}

function notRunSentence(rows: readonly ResultRow[]): string | null {
  const firsts = new Map<string, ResultRow>();
  for (const row of rows) {
    const step = row.connectionsStep!;
    const key = `${row.model} ${step.series}`;
    if ((step.projected || row.status === 'failed') && !firsts.has(key)) firsts.set(key, row);
  }
  if (firsts.size === 0) return null;
  const parts = [...firsts.values()].map((row) => {
    const label = seriesLabel({ model: row.model, ...row.connectionsStep! });
    return row.connectionsStep!.projected
      ? `${label} from ${count(row.connections)} connections (projected: ${row.connectionsStep!.projectedReason})`
      : `${label} at ${count(row.connections)} connections failed (${row.failure ?? 'no reason recorded'})`;
  });
  return `Not measured: ${parts.join('; ')}.`;
}

export function connectionsNarrative(rows: readonly ResultRow[], results: ResultsFile): (string | null)[] {
  const held = rows.filter((row) => row.connectionsStep);
  const costs = seriesCosts(held, results.env.memoryBytes);
  return [rangeSentence(costs), wallSentence(costs, results.env.memoryBytes), capSentence(costs), costSentence(costs), kernelSentence(held), notRunSentence(held)];
}
