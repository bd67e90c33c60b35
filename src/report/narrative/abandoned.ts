/** Narrative for the abandoned scenario: what clients that left before their turn cost the next client, per model. */
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { latency, num, times } from '../../results/format.js';

const echoUs = (row: ResultRow) => row.abandoned!.firstEchoMs! * 1000;
const cpu = (row: ResultRow) => latency(row.abandoned!.serverCpuSec! * 1e6);
const list = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? ''));

function leadSentence(answered: ResultRow[]): string | null {
  if (answered.length === 0) return null;
  const order = [...answered].sort((a, b) => echoUs(a) - echoUs(b));
  const fastest = order[0]!;
  const slowest = order.at(-1)!;
  const { departed } = fastest.abandoned!;
  let sentence = `After ${num(departed)} clients connected and left while ${fastest.connections} connections held each server, the new client's first echo came soonest from ${serverName(fastest)} (${latency(echoUs(fastest))})`;
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
    return `${serverName(row)} dropped ${num(serverAbandoned!)} of the ${num(departed)} departed clients from its queue unserved${figures}`;
  });
  return `${list(parts)}; the other models do not count such clients.`;
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
  return `No echo for the new client within the ${num(late[0]!.abandoned!.deadlineSec)} s deadline: ${list(parts)}.`;
}

export function abandonedNarrative(rows: readonly ResultRow[]): (string | null)[] {
  const withFigures = rows.filter((row) => row.abandoned);
  const answered = withFigures.filter((row) => row.status === 'ok' && row.abandoned!.firstEchoMs !== null);
  return [leadSentence(answered), droppedSentence(withFigures), costSentence(answered), unansweredSentence(withFigures)];
}
