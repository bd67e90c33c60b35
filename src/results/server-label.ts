/** Which server a row measured, as tables, charts and sentences name it: the model, or the external server's address. */
import { hostPort } from '../shared/address.js';
import type { ResultRow } from './schema.js';

/** "127.0.0.1:9100" for an external target; undefined for echolab's own models. */
export function targetAddress(row: Pick<ResultRow, 'target'>): string | undefined {
  return row.target && hostPort(row.target.host, row.target.port);
}

/** A table's model cell: "event-loop", "external 127.0.0.1:9100". */
export function serverLabel(row: Pick<ResultRow, 'model' | 'target'>): string {
  const address = targetAddress(row);
  return address ? `${row.model} ${address}` : row.model;
}

/** In a sentence: "event-loop", "the external server at 127.0.0.1:9100". */
export function serverName(row: Pick<ResultRow, 'model' | 'target'>): string {
  const address = targetAddress(row);
  return address ? `the external server at ${address}` : row.model;
}
