/** The piscina pool's task: a batch of chunks' service (the work each owes, then the same bytes back, moved not copied). */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { isCrashToken } from '../shared/crash-token.js';
import { burn } from '../shared/work.js';

export interface EchoBatch {
  chunks: Uint8Array<ArrayBuffer>[];
  /** Work iterations each chunk owes, counted per connection by the main thread. */
  iterations: number[];
}

const { crashToken } = (workerData ?? {}) as { crashToken?: string };

export default function echoBatch({ chunks, iterations }: EchoBatch) {
  chunks.forEach((chunk, i) => {
    if (isCrashToken(chunk, crashToken)) process.exit(70);
    burn(iterations[i]!);
  });
  // Hand the buffers back without copying them (piscina's transferable protocol, marked by move()).
  return move({
    get [transferableSymbol]() {
      return chunks.map((chunk) => chunk.buffer);
    },
    get [valueSymbol]() {
      return chunks;
    },
  });
}
