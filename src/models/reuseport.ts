/**
 * reuseport (reference): thread per core with SO_REUSEPORT, what nginx and envoy do. N threads
 * (default: the cores) each run the event-loop echo server on the same port with `reusePort`
 * (Node 22.12+, Linux); the kernel spreads new connections over their listening sockets. Every
 * core is used without a process each, and no thread hands connections to another. A thread that
 * dies takes its own connections with it and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { stopGracefully } from '../shared/graceful-stop.js';
import { boundAddress, createEchoServer, listen, listenError, type ListenOptions } from '../shared/listen.js';
import { createLogger } from '../shared/log.js';
import { toError } from '../shared/to-error.js';
import type { StartModel } from './model.js';
import { ConnectionCounters } from './reuseport-counters.js';
import type { ReuseportCommand, ReuseportThreadConfig, ReuseportThreadMessage } from './reuseport-thread.js';

const THREAD_SCRIPT = new URL('./reuseport-thread.js', import.meta.url);
/** Time a thread beyond the grace period has to close its connections and exit before it is terminated. */
const EXIT_MARGIN_MS = 1000;

export const start: StartModel = async ({ options, work, log }) => {
  const threads = new Map<Worker, Promise<void>>();
  const counters = new ConnectionCounters(options.threads);
  let stopping = false;

  /** Start thread `index` listening on `port`; resolves with the port it bound (the first thread may ask for 0). */
  function startThread(index: number, port: number): Promise<number> {
    const config: ReuseportThreadConfig = { options: { ...options, port }, work, fdShare: 1 / options.threads, counters: counters.buffer, index };
    const thread = new Worker(THREAD_SCRIPT, { workerData: config, execArgv: [] });
    const { threadId } = thread; // -1 once it has exited
    threads.set(thread, new Promise((resolve) => thread.once('exit', () => resolve())));
    thread.on('error', (error) => log.warn(`thread ${threadId} failed: ${error.message}`));
    thread.once('exit', () => threads.delete(thread));
    return new Promise((resolve, reject) => {
      const failedToStart = () => reject(new Error(`thread ${threadId} exited before listening`));
      thread.once('exit', failedToStart);
      thread.on('message', (message: ReuseportThreadMessage) => {
        if (message.type === 'listen-error') return reject(listenError(message.code, options.host, port));
        thread.off('exit', failedToStart);
        thread.once('exit', (code) => replaceThread(index, port, `thread ${threadId} died (code ${code})`));
        resolve(message.port);
      });
    });
  }

  /** A thread that was serving died: its connections closed with it; a new thread takes its index (and carries on its accepted count). */
  function replaceThread(index: number, port: number, death: string): void {
    counters.setLive(index, 0);
    if (stopping) return;
    log.warn(`${death}; starting a new one`);
    void startThread(index, port).catch((error: unknown) => log.error(`replacing thread failed: ${toError(error).message}`));
  }

  async function stopAll(graceMs: number): Promise<void> {
    stopping = true;
    for (const thread of threads.keys()) thread.postMessage({ type: 'stop' } satisfies ReuseportCommand);
    await stopGracefully(
      [...threads].map(([thread, exited]) => ({ gone: exited, kill: () => void thread.terminate() })),
      graceMs + EXIT_MARGIN_MS,
    );
  }

  let port: number;
  try {
    // SO_REUSEPORT would let us join another server already on the port and split its traffic:
    // a plain bind first fails, as for every other model, if anything holds the port.
    if (options.port !== 0) await portIsFree(options);
    // The first thread binds (perhaps port 0); the others join it on the port it got.
    port = await startThread(0, options.port);
    await Promise.all(Array.from({ length: options.threads - 1 }, (_, i) => startThread(i + 1, port)));
  } catch (error) {
    await stopAll(0);
    throw error;
  }

  return {
    address: boundAddress(options.host, port),
    stats: () => ({
      connections: counters.live().reduce((a, b) => a + b, 0),
      queues: false,
      waiting: 0,
      threads: threads.size,
      acceptedPerThread: counters.accepted(),
    }),
    stop: () => stopAll(options.graceMs),
  };
};

/** Bind the port without SO_REUSEPORT and let it go: rejects with the usual ListenError if it is taken. */
async function portIsFree(options: ListenOptions): Promise<void> {
  const probe = createEchoServer(() => {});
  await listen(probe, { host: options.host, port: options.port, backlog: 1 }, createLogger('error', 'probe', () => {}));
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
