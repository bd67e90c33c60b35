/** Narrative for the slow-client scenario: head-of-line blocking in numbers. */
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { num } from '../../results/format.js';

function range(values: number[]): string {
  const low = num(Math.min(...values));
  const high = num(Math.max(...values));
  return low === high ? `${low} for each` : `between ${low} and ${high}`;
}

export function slowClientNarrative(rows: readonly ResultRow[]): (string | null)[] {
  // A row that answered nothing still measured who was starved: it is the story here.
  const measured = rows.filter((row) => row.status === 'ok' || row.status === 'empty');
  if (measured.length === 0) return [];
  const least = Math.min(...measured.map((row) => row.fairness.starved));
  const blocked = measured.filter((row) => row.fairness.starved > least);
  const fair = measured.filter((row) => row.fairness.starved === least);
  const total = measured[0]!.connections;
  const blockedText = blocked.map((row) => `${serverName(row)} ${row.fairness.starved} of ${row.connections}`).join(', ');
  const fairJain = fair.map((row) => row.fairness.jain);
  return [
    blocked.length > 0
      ? `Connections that got no echo at all: ${blockedText}; ${least === 0 ? 'every other model answered every connection' : `every other model ${least} of ${total}`}.`
      : `${least === 0 ? 'Every model answered every connection' : `Every model left only ${least} of ${total} connections unanswered`}: no head-of-line blocking.`,
    blocked.length > 0 ? 'A model that serves one connection at a time waits on the idle client and never reaches the others.' : null,
    fair.length > 0
      ? `Among the others, Jain's fairness index over the connections was ${range(fairJain)} (1 = every connection served equally).`
      : null,
  ];
}
