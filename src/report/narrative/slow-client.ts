/** Narrative for the slow-client scenario: head-of-line blocking in numbers. */
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { num } from '../../results/format.js';
import { documentedStarvation, errorsSeen } from './causes.js';
import { everyServer } from './facts.js';

function range(values: number[]): string {
  const low = num(Math.min(...values));
  const high = num(Math.max(...values));
  return low === high ? `${low} for each` : `between ${low} and ${high}`;
}

export function slowClientNarrative(rows: readonly ResultRow[]): (string | null)[] {
  // A row that answered nothing still measured who was starved: it is the story here.
  const measured = rows.filter((row) => row.status === 'ok' || row.status === 'empty');
  if (measured.length === 0) return [];
  const starving = measured.filter((row) => row.fairness.starved > 0);
  const servedAll = measured.filter((row) => row.fairness.starved === 0);
  const jain = range(servedAll.map((row) => row.fairness.jain));
  if (starving.length === 0) {
    return [
      `${everyServer(measured)} answered every active connection: the idle client held no one up.`,
      `Jain's fairness index over the connections was ${jain} (1 = every connection served equally).`,
    ];
  }
  const count = (row: ResultRow) => `${row.fairness.starved} of ${row.connections}`;
  const starved = starving.map((row) => (row.target ? `${count(row)} to ${serverName(row)}` : `${row.model} ${count(row)}`)).join(', ');
  return [
    `Connections that got no echo at all: ${starved}${servedAll.length > 0 ? '; every other model answered every connection' : ''}.`,
    ...starving.map(whyStarved),
    servedAll.length > 0 ? `Among the others, Jain's fairness index over the connections was ${jain} (1 = every connection served equally).` : null,
  ];
}

/** The model's documented cause, or only what its connections were seen to meet. */
function whyStarved(row: ResultRow): string {
  const cause = documentedStarvation(row, 'idle');
  return cause ? `${serverName(row)}: ${cause}.` : `What the connections to ${serverName(row)} met: ${errorsSeen(row) ?? 'no refusal, reset or timeout'}.`;
}
