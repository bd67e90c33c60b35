/** The external echo server a run measured (--target), named wherever the run is: titles, notes, footnotes. */
import type { ResultRow } from '../results/schema.js';
import { targetAddress } from '../results/server-label.js';

/** Its address ("127.0.0.1:9100"); undefined for a run of echolab's own models. */
export function externalTarget(run: { results: readonly ResultRow[] }): string | undefined {
  return run.results.map(targetAddress).find((address) => address !== undefined);
}

/** "an external echo server at 127.0.0.1:9100". */
export function externalServer(address: string): string {
  return `an external echo server at ${address}`;
}
