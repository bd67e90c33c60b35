/**
 * cluster (reference): Node's prefork server. The primary starts N worker processes up front
 * (default: one per core); each runs the event-loop echo server on the same port, and the primary
 * accepts and deals connections to them round-robin. A worker that dies is replaced.
 */
import cluster, { type Worker } from 'node:cluster';
import { drain } from '../shared/drain.js';
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
  const exited = new Map<Worker, Promise<void>>();

  function startWorker(): Promise<number> {
    const worker = cluster.fork();
    // Messages to a worker that is dying fail (EPIPE); its 'exit' below is what counts.
    worker.on('error', (error) => log.debug(`worker ${worker.process.pid}: ${error.message}`));
    exited.set(worker, new Promise((resolve) => worker.once('exit', () => resolve())));
    return new Promise((resolve, reject) => {
      worker.on('message', (message: ClusterWorkerMessage) => {
        if (message.type === 'listening') resolve(message.port);
        else reject(listenError(message.code, options.host, options.port));
      });
      worker.once('exit', (code, signal) => {
        exited.delete(worker);
        reject(new Error(`worker ${worker.process.pid} exited before listening`));
        if (stopping) return;
        log.warn(`worker ${worker.process.pid} died (${signal ?? `code ${code}`}); starting a new one`);
        void startWorker().catch((error: unknown) => log.error(`replacing worker failed: ${toError(error).message}`));
      });
    });
  }

  const stopAll = async (graceMs: number) => {
    stopping = true;
    // disconnect(): the worker closes its server and exits once its connections have ended.
    for (const worker of exited.keys()) if (worker.isConnected()) worker.disconnect();
    await drain(
      [...exited].map(([worker, gone]) => ({ gone, kill: () => worker.process.kill('SIGKILL') })),
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
    stats: () => ({ children: exited.size }),
    stop: () => stopAll(options.graceMs),
  };
};
