/** The piscina pool's task: one chunk's service (work, then the same bytes back, moved not copied). */
import { move, workerData } from 'piscina';
import { isCrashToken } from '../shared/crash-token.js';
import { burn } from '../shared/work.js';

export interface EchoTask {
  data: Uint8Array<ArrayBuffer>;
  /** Work iterations this chunk owes, counted per connection by the main thread. */
  iterations: number;
}

const { crashToken } = (workerData ?? {}) as { crashToken?: string };

export default function echoTask({ data, iterations }: EchoTask): Uint8Array {
  if (isCrashToken(data, crashToken)) process.exit(70);
  burn(iterations);
  return move(data) as unknown as Uint8Array;
}
