/** Worker script for the postMessage benchmarks: sends every chunk straight back, copied or transferred. */
import { parentPort, workerData } from 'node:worker_threads';

export interface EchoThreadData {
  /** Move the reply's ArrayBuffer back (transfer list) instead of cloning it. */
  transfer: boolean;
}

const { transfer } = workerData as EchoThreadData;
const port = parentPort!;

port.on('message', (chunk: Uint8Array<ArrayBuffer>) => {
  if (transfer) port.postMessage(chunk, [chunk.buffer]);
  else port.postMessage(chunk);
});
