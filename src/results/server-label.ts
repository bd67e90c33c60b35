/** Which server a row measured, as tables, charts and sentences name it: the model, or the external server's address. */
import { hostPort } from '../shared/address.js';
import type { ResultRow } from './schema.js';

/** "127.0.0.1:9100" for an external target; undefined for echolab's own models. */
export function targetAddress(row: Pick<ResultRow, 'target'>): string | undefined {
  return row.target && hostPort(row.target.host, row.target.port);
}

/** The model with the serve flags that make the row a variant of it: "worker --thread-cache 64". */
function modelWithFlags(row: Pick<ResultRow, 'model' | 'serveFlags'>): string {
  return row.serveFlags ? `${row.model} ${row.serveFlags.join(' ')}` : row.model;
}

/** The key charts draw a row's server under: its model, or its model and the variant's flags (each its own bar or line). */
export function serverKey(row: Pick<ResultRow, 'model' | 'serveFlags'>): string {
  return modelWithFlags(row);
}

/** A table's model cell: "event-loop", "worker --thread-cache 64", "external 127.0.0.1:9100". It tells a run's servers apart. */
export function serverLabel(row: Pick<ResultRow, 'model' | 'target' | 'serveFlags'>): string {
  const address = targetAddress(row);
  return address ? `${row.model} ${address}` : modelWithFlags(row);
}

/** In a sentence: "event-loop", "worker --thread-cache 64", "the external server at 127.0.0.1:9100". */
export function serverName(row: Pick<ResultRow, 'model' | 'target' | 'serveFlags'>): string {
  const address = targetAddress(row);
  return address ? `the external server at ${address}` : modelWithFlags(row);
}
