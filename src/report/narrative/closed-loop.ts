/** Narrative for closed-loop echo scenarios (echo-small sweep, echo-large, and any custom closed-loop one). */
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { megabytesPerSec, num, times } from '../../results/format.js';
import { documentedStarvation, whatWasSeen } from './causes.js';
import { find, leadSentence, msgsPerSec, ranked } from './facts.js';
import { anatomySentence } from './anatomy.js';

/** Who scaled with connections, from the lowest to the highest connection count of the sweep. */
function scalingSentence(rows: readonly ResultRow[]): string | null {
  const counts = [...new Set(rows.map((row) => row.connections))].sort((a, b) => a - b);
  if (counts.length < 2) return null;
  const low = counts[0]!;
  const high = counts.at(-1)!;
  const growth = [...new Set(rows.map(serverName))]
    .flatMap((model) => {
      const from = find(rows.filter((row) => row.connections === low), model);
      const to = find(rows.filter((row) => row.connections === high), model);
      return from && to && from.msgsPerSec.median > 0 ? [{ name: serverName(from), ratio: to.msgsPerSec.median / from.msgsPerSec.median }] : [];
    })
    .sort((a, b) => b.ratio - a.ratio);
  if (growth.length < 2) return null;
  const list = growth.map((entry) => `${entry.name} ${times(entry.ratio)}`).join(', ');
  return `From ${low} to ${high} connections throughput changed by: ${list}.`;
}

/** Connections that never got an echo: with the cause where the model's design documents it, else what was seen. */
function starvationSentence(rows: readonly ResultRow[]): string | null {
  const starving = rows.filter((row) => row.status === 'ok' && row.connections > 1 && row.fairness.starved > 0);
  if (starving.length === 0) return null;
  const worst = starving.sort((a, b) => b.fairness.starved - a.fairness.starved)[0]!;
  const seen =
    `${serverName(worst)} left ${worst.fairness.starved} of ${worst.connections} connections without a single echo at c=${worst.connections} ` +
    `(Jain's fairness index ${num(worst.fairness.jain)}; 1 is perfectly even)`;
  const cause = documentedStarvation(worst, 'busy');
  return cause ? `${seen}: ${cause}.` : `${seen}; ${whatWasSeen(worst)}.`;
}

/** Large messages: how far apart the models ended up, in messages as well as bytes. */
function spreadSentence(rows: readonly ResultRow[]): string | null {
  const order = ranked(rows, (row) => row.bytesPerSec.median);
  if (order.length < 2) return null;
  const best = order[0]!;
  const worst = order.at(-1)!;
  return (
    `The best moved ${megabytesPerSec(best.bytesPerSec.median)} (${num(best.msgsPerSec.median)} messages/s); ` +
    `the slowest (${serverName(worst)}) ${num((100 * worst.bytesPerSec.median) / best.bytesPerSec.median)} % of that.`
  );
}

export function closedLoopNarrative(rows: readonly ResultRow[]): (string | null)[] {
  const top = Math.max(...rows.map((row) => row.connections));
  const atTop = rows.filter((row) => row.connections === top);
  const large = rows[0]!.messageSize >= 4096;
  const lead = large
    ? leadSentence(atTop, (row) => row.bytesPerSec.median / 1e6, 'MB/s', `With ${rows[0]!.messageSize} B messages and ${top} connections, `, (row) => row.bytesPerSec)
    : leadSentence(atTop, msgsPerSec, 'msgs/s', `At ${top} connection${top === 1 ? '' : 's'}, `);
  return [lead, scalingSentence(rows), starvationSentence(rows), large ? spreadSentence(atTop) : null, anatomySentence(atTop, `at ${top} connection${top === 1 ? '' : 's'}`)];
}
