/**
 * cluster (reference): Node's prefork server. The primary starts N worker processes up front
 * (default: one per core); each runs the event-loop echo server on the same port, and the primary
 * accepts and deals connections to them round-robin. A worker that dies is replaced. Each worker
 * tells the primary its live connections as they change; the primary's stats add up the latest.
 */
import cluster, { type Worker } from 'node:cluster';
import { stopGracefully } from '../shared/graceful-stop.js';
import { boundAddress, listenError } from '../shared/listen.js';
import { toError } from '../shared/to-error.js';
import type { StartModel } from './model.js';
import type { ClusterWorkerConfig, ClusterWorkerMessage } from './cluster-worker.js';

const WORKER_SCRIPT = new URL('./cluster-worker.js', import.meta.url).pathname;

export const start: StartModel = async ({ options, work, log }) => {
  const config: ClusterWorkerConfig = { options, work };
  cluster.schedulingPolicy = cluster.SCHED_RR;
  // execArgv: [] so workers never inherit a TypeScript loader or inspector.
  cluster.setupPrimary({ exec: WORKER_SCRIPT, args: [JSON.stringify(config)], execArgv: [] });
  let stopping = false;
  /** Live workers, and when each has exited. */
  const workers = new Map<Worker, Promise<void>>();
  /** Each live worker's last word on how many connections it serves. */
  const connections = new Map<Worker, number>();

  /** Start a worker; resolves with its port once it listens, rejects if it exits or fails to listen first. */
  function startWorker(): Promise<number> {
    const worker = cluster.fork();
    // Messages to a worker that is dying fail (EPIPE); its 'exit' below is what counts.
    worker.on('error', (error) => log.debug(`worker ${worker.process.pid}: ${error.message}`));
    workers.set(worker, new Promise((resolve) => worker.once('exit', () => resolve())));
    worker.on('message', (message: ClusterWorkerMessage) => {
      if (message.type === 'connections') connections.set(worker, message.connections);
    });
    worker.once('exit', () => {
      workers.delete(worker);
      connections.delete(worker);
    });
    return new Promise((resolve, reject) => {
      const failedToStart = () => reject(new Error(`worker ${worker.process.pid} exited before listening`));
      worker.once('exit', failedToStart);
      worker.on('message', (message: ClusterWorkerMessage) => {
        if (message.type === 'listen-error') reject(listenError(message.code, options.host, options.port));
        if (message.type !== 'listening') return;
        worker.off('exit', failedToStart);
        worker.once('exit', (code, signal) => replaceWorker(`worker ${worker.process.pid} died (${signal ?? `code ${code}`})`));
        resolve(message.port);
      });
    });
  }

  /** A worker that was serving died (its connections with it): start another in its place. */
  function replaceWorker(death: string): void {
    if (stopping) return;
    log.warn(`${death}; starting a new one`);
    void startWorker().catch((error: unknown) => log.error(`replacing worker failed: ${toError(error).message}`));
  }

  const stopAll = async (graceMs: number) => {
    stopping = true;
    // disconnect(): the worker closes its server and exits once its connections have ended.
    for (const worker of workers.keys()) if (worker.isConnected()) worker.disconnect();
    await stopGracefully(
      [...workers].map(([worker, gone]) => ({ gone, kill: () => worker.process.kill('SIGKILL') })),
      graceMs,
    );
  };

  let port: number;
  try {
    const ports = await Promise.all(Array.from({ length: options.workers }, startWorker));
    port = ports[0]!;
  } catch (error) {
    await stopAll(0);
    throw error;
  }

  return {
    address: boundAddress(options.host, port),
    // The workers accept and serve; the primary only deals connections out, so it adds up what they said.
    stats: () => ({ connections: [...connections.values()].reduce((sum, count) => sum + count, 0), queues: false, waiting: 0, children: workers.size }),
    stop: () => stopAll(options.graceMs),
  };
};
