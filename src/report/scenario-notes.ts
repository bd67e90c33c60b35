/** What each scenario does, in words: the run's recorded declaration, else one built from the row's parameters. */
import type { ResultRow, ScenarioRecord } from '../results/schema.js';
import { quickNote } from '../results/quick-note.js';

function fromParameters(row: ResultRow): string {
  const load = row.mode === 'open' ? `open loop at ${row.targetRate ?? '?'} msgs/s` : row.mode === 'churn' ? 'connection churn' : 'closed loop';
  const work = row.workUsPerMessage > 0 ? `, ${row.workUsPerMessage} µs of server CPU per message` : '';
  return `${row.messageSize} B messages, ${load}${work}.`;
}

export function describeScenario(declared: ScenarioRecord | undefined, rows: readonly ResultRow[]): string {
  const connections = [...new Set(rows.map((row) => row.connections))].join(', ');
  const base = declared ? declared.description.charAt(0).toUpperCase() + declared.description.slice(1) : fromParameters(rows[0]!);
  const departing = [...new Set(rows.flatMap((row) => (row.abandoned ? [row.abandoned.clients] : [])))];
  const also = departing.length > 0 ? ` and ${departing.join(', ')} departing clients` : '';
  const quick = quickNote(declared);
  return `${base}${quick ? ` (${quick}.)` : ''} Measured at ${connections} connection(s)${also}.`;
}
