/** A running echo thread seen as a function: send a chunk, get a promise of its echo (replies come in order). */
import { Worker } from 'node:worker_threads';
import type { Scope } from './scope.js';
import type { EchoThreadData } from './echo-thread.js';

const ECHO_THREAD = new URL('./echo-thread.js', import.meta.url);

type Pending = { resolve: (reply: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void };

export class ThreadEcho {
  private readonly pending: Pending[] = [];

  private constructor(
    private readonly thread: Worker,
    private readonly transfer: boolean,
  ) {
    thread.on('message', (reply: Uint8Array<ArrayBuffer>) => this.pending.shift()?.resolve(reply));
    thread.on('error', (error) => this.failAll(error));
    thread.on('exit', (code) => this.failAll(new Error(`echo thread exited (code ${code})`)));
  }

  /** Start a thread that echoes copied or transferred, and wait until it answers. */
  static async start(scope: Scope, transfer: boolean): Promise<ThreadEcho> {
    const workerData: EchoThreadData = { transfer };
    const thread = new Worker(ECHO_THREAD, { workerData, execArgv: [] });
    scope.defer(() => thread.terminate());
    const echo = new ThreadEcho(thread, transfer);
    await echo.send(new Uint8Array(1));
    return echo;
  }

  /** Send a chunk (moved out of this thread when transferring) and resolve with the chunk that comes back. */
  send(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      if (this.transfer) this.thread.postMessage(data, [data.buffer]);
      else this.thread.postMessage(data);
    });
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.splice(0)) reject(error);
  }
}
