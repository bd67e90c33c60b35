/**
 * Narrative for the abandoned scenario: what clients that left before their turn cost the next
 * client, per model, told for each way of leaving (nothing sent; bytes sent, then a half-close,
 * which still owes the client its echo), and whether the half-closed clients got it.
 */
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { andList, latency, num, times } from '../../results/format.js';

const echoUs = (row: ResultRow) => row.abandoned!.firstEchoMs! * 1000;
const cpu = (row: ResultRow) => latency(row.abandoned!.serverCpuSec! * 1e6);
/** How the departing clients of these rows left, after "clients". */
const left = (bytes: number) => (bytes === 0 ? 'connected and left' : `connected, sent ${num(bytes)} B and half-closed`);

function leadSentence(answered: ResultRow[]): string | null {
  if (answered.length === 0) return null;
  const order = [...answered].sort((a, b) => echoUs(a) - echoUs(b));
  const fastest = order[0]!;
  const slowest = order.at(-1)!;
  const { departed, departureBytes } = fastest.abandoned!;
  let sentence = `After ${num(departed)} clients ${left(departureBytes)} while ${fastest.connections} connections held each server, the new client's first echo came soonest from ${serverName(fastest)} (${latency(echoUs(fastest))})`;
  if (slowest !== fastest) sentence += ` and last from ${serverName(slowest)} (${latency(echoUs(slowest))}, ${times(echoUs(slowest) / echoUs(fastest))} as long)`;
  return `${sentence}.`;
}

/** The models that count the clients they dropped unserved: the figure that shows a watching queue at work. */
function droppedSentence(rows: ResultRow[]): string | null {
  const counted = rows.filter((row) => row.abandoned!.serverAbandoned !== null);
  if (counted.length === 0) return null;
  const parts = counted.map((row) => {
    const { serverAbandoned, departed, firstEchoMs, serverCpuSec } = row.abandoned!;
    const figures = firstEchoMs !== null && serverCpuSec !== null ? ` (first echo ${latency(firstEchoMs * 1000)}, ${cpu(row)} of CPU)` : '';
    // None dropped is what a correct server does with clients still owed an echo.
    if (serverAbandoned === 0) return `${serverName(row)} dropped none of them, serving each${figures}`;
    return `${serverName(row)} dropped ${num(serverAbandoned!)} of the ${num(departed)} departed clients from its queue unserved${figures}`;
  });
  return `${andList(parts)}; the other models do not count such clients.`;
}

/** Server CPU over the whole interval, spread over the departed clients: the price of serving clients that are gone. */
function costSentence(answered: ResultRow[]): string | null {
  const measured = answered.filter((row) => row.abandoned!.serverCpuSec !== null && row.abandoned!.departed > 0);
  if (measured.length < 2) return null;
  const order = [...measured].sort((a, b) => b.abandoned!.serverCpuSec! - a.abandoned!.serverCpuSec!);
  const most = order[0]!;
  const least = order.at(-1)!;
  const perClientUs = (most.abandoned!.serverCpuSec! * 1e6) / most.abandoned!.departed;
  return (
    `Meanwhile ${serverName(most)}'s server spent the most CPU, ${cpu(most)} (about ${latency(perClientUs)} per departed client), ` +
    `and ${serverName(least)}'s the least, ${cpu(least)}.`
  );
}

function unansweredSentence(rows: ResultRow[]): string | null {
  const late = rows.filter((row) => row.status === 'failed' && row.abandoned!.firstEchoMs === null && row.abandoned!.serverCpuSec !== null);
  if (late.length === 0) return null;
  const parts = late.map((row) => `${serverName(row)} (${cpu(row)} of CPU by then)`);
  return `No echo for the new client within the ${num(late[0]!.abandoned!.deadlineSec)} s deadline: ${andList(parts)}.`;
}

/** Half-closed clients are owed their echo: which servers gave it to every one, and which did not. */
function owedSentence(rows: ResultRow[]): string | null {
  const measured = rows.filter((row) => row.abandoned!.owedEchoes !== null);
  if (measured.length === 0) return null;
  const all = measured.filter((row) => row.abandoned!.owedEchoes!.echoed === row.abandoned!.departed);
  const short = measured.filter((row) => !all.includes(row));
  const { departed, departureBytes } = measured[0]!.abandoned!;
  const parts = [
    ...(all.length > 0 ? [`every one got its echo from ${andList(all.map(serverName))}`] : []),
    ...short.map((row) => {
      const { echoed, closedShort, waiting } = row.abandoned!.owedEchoes!;
      const rest = [closedShort > 0 ? `${num(closedShort)} closed unechoed` : '', waiting > 0 ? `${num(waiting)} still waiting at the deadline` : ''].filter(Boolean);
      return `${serverName(row)} echoed ${num(echoed)} of ${num(row.abandoned!.departed)}${rest.length ? ` (${rest.join(', ')})` : ''}`;
    }),
  ];
  return `Of the ${num(departed)} clients that sent ${num(departureBytes)} B and half-closed, still owed their echo, ${parts.join('; ')}.`;
}

/** The sentences for one way of leaving. */
function kindSentences(rows: ResultRow[]): (string | null)[] {
  const answered = rows.filter((row) => row.status === 'ok' && row.abandoned!.firstEchoMs !== null);
  return [leadSentence(answered), droppedSentence(rows), costSentence(answered), unansweredSentence(rows), owedSentence(rows)];
}

export function abandonedNarrative(rows: readonly ResultRow[]): (string | null)[] {
  const withFigures = rows.filter((row) => row.abandoned);
  const kinds = [...new Set(withFigures.map((row) => row.abandoned!.departureBytes))].sort((a, b) => a - b);
  return kinds.flatMap((bytes) => kindSentences(withFigures.filter((row) => row.abandoned!.departureBytes === bytes)));
}
