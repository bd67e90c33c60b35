/**
 * What the narrative may say about why connections went unanswered. A cause is given only where a model's
 * own design documents it (echolab's models: src/models/ids.ts); for any other server, and for a model
 * whose design does not explain it, the sentences say only what was seen: the errors the connections met.
 */
import type { ErrorKind, ResultRow } from '../../results/schema.js';
import type { ModelId } from '../../models/ids.js';
import { andList, count } from '../../results/format.js';

/** Where starving is by design, and why: behind one busy connection (a closed loop), or behind an idle client. */
const DOCUMENTED_STARVATION: Partial<Record<ModelId, { busy: string; idle: string }>> = {
  sequential: {
    busy: 'it serves one connection at a time, so the others waited for the one being served',
    idle: 'it serves one connection at a time, so it waits on the idle client and never reaches the others',
  },
};

export function documentedStarvation(row: ResultRow, behind: 'busy' | 'idle'): string | undefined {
  return row.model === 'external' ? undefined : DOCUMENTED_STARVATION[row.model]?.[behind];
}

const SEEN: Record<ErrorKind, [string, string]> = {
  refused: ['refusal', 'refusals'],
  reset: ['reset', 'resets'],
  timeout: ['timeout', 'timeouts'],
  short: ['short echo', 'short echoes'],
  mismatch: ['mismatched echo', 'mismatched echoes'],
  other: ['other error', 'other errors'],
};

/** The errors a row's connections met, as words ("3 refusals and 8 timeouts"); null when none. */
export function errorsSeen(row: ResultRow): string | null {
  const seen = (Object.keys(SEEN) as ErrorKind[])
    .filter((kind) => row.errors[kind] > 0)
    .map((kind) => `${count(row.errors[kind])} ${SEEN[kind][row.errors[kind] === 1 ? 0 : 1]}`);
  if (seen.length === 0) return null;
  return andList(seen);
}

/** What a row's unanswered connections were seen to meet, as a clause. */
export function whatWasSeen(row: ResultRow): string {
  const errors = errorsSeen(row);
  return errors ? `errors seen: ${errors}` : 'no connection was refused, reset or timed out';
}
