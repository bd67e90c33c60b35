/** A worker-model thread: the service for one connection. Chunks arrive in order and go back in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { isCrashToken } from '../shared/crash-token.js';
import { WorkMeter, type WorkSpec } from '../shared/work.js';

export interface ThreadConfig {
  work: WorkSpec;
  crashToken: string | undefined;
}

const { work, crashToken } = workerData as ThreadConfig;
const meter = new WorkMeter(work);
const port = parentPort!;

port.on('message', (chunk: Uint8Array<ArrayBuffer>) => {
  if (isCrashToken(chunk, crashToken)) process.exit(70);
  meter.charge(chunk.byteLength);
  port.postMessage(chunk, [chunk.buffer]);
});
