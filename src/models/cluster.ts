/**
 * cluster (reference): Node's prefork server. The primary starts N worker processes up front
 * (default: one per core); each runs the event-loop echo server on the same port, and the primary
 * accepts and deals connections to them round-robin. A worker that dies is replaced.
 */
import cluster, { type Worker } from 'node:cluster';
import { stopGracefully } from '../shared/graceful-stop.js';
import { boundAddress, listenError } from '../shared/listen.js';
import { toError } from '../shared/to-error.js';
import type { StartModel } from './model.js';
import type { ClusterCommand, ClusterWorkerConfig, ClusterWorkerMessage } from './cluster-worker.js';

const WORKER_SCRIPT = new URL('./cluster-worker.js', import.meta.url).pathname;
/** How long a worker has to say how many connections it serves before its last answer counts. */
const COUNT_TIMEOUT_MS = 1000;

export const start: StartModel = async ({ options, work, log }) => {
  const config: ClusterWorkerConfig = { options, work };
  cluster.schedulingPolicy = cluster.SCHED_RR;
  // execArgv: [] so workers never inherit a TypeScript loader or inspector.
  cluster.setupPrimary({ exec: WORKER_SCRIPT, args: [JSON.stringify(config)], execArgv: [] });
  let stopping = false;
  const exited = new Map<Worker, Promise<void>>();
  /** Each live worker's last answer to "how many connections?". */
  const lastCount = new Map<Worker, number>();
  let nextQuestion = 0;

  function startWorker(): Promise<number> {
    const worker = cluster.fork();
    // Messages to a worker that is dying fail (EPIPE); its 'exit' below is what counts.
    worker.on('error', (error) => log.debug(`worker ${worker.process.pid}: ${error.message}`));
    exited.set(worker, new Promise((resolve) => worker.once('exit', () => resolve())));
    return new Promise((resolve, reject) => {
      worker.on('message', (message: ClusterWorkerMessage) => {
        if (message.type === 'listening') resolve(message.port);
        else if (message.type === 'listen-error') reject(listenError(message.code, options.host, options.port));
      });
      worker.once('exit', (code, signal) => {
        exited.delete(worker);
        lastCount.delete(worker);
        reject(new Error(`worker ${worker.process.pid} exited before listening`));
        if (stopping) return;
        log.warn(`worker ${worker.process.pid} died (${signal ?? `code ${code}`}); starting a new one`);
        void startWorker().catch((error: unknown) => log.error(`replacing worker failed: ${toError(error).message}`));
      });
    });
  }

  /** Ask a worker how many connections it serves (one that exits meanwhile serves none). */
  function connectionsOf(worker: Worker): Promise<number> {
    const id = nextQuestion++;
    return new Promise((resolve) => {
      const answer = (count: number) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve(count);
      };
      const onMessage = (message: ClusterWorkerMessage) => {
        if (message.type !== 'connections' || message.id !== id) return;
        lastCount.set(worker, message.connections);
        answer(message.connections);
      };
      const onExit = () => answer(0);
      // A worker that cannot answer (stopping, its channel closed; or busy): its last answer stands.
      const timer = setTimeout(() => answer(lastCount.get(worker) ?? 0), COUNT_TIMEOUT_MS);
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      if (!worker.isConnected()) answer(lastCount.get(worker) ?? 0);
      else worker.send({ type: 'connections', id } satisfies ClusterCommand, (error: Error | null) => error && answer(lastCount.get(worker) ?? 0));
    });
  }

  const stopAll = async (graceMs: number) => {
    stopping = true;
    // disconnect(): the worker closes its server and exits once its connections have ended.
    for (const worker of exited.keys()) if (worker.isConnected()) worker.disconnect();
    await stopGracefully(
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
    // The workers accept and serve; the primary only deals connections out, so it asks them.
    stats: async () => {
      const counts = await Promise.all([...exited.keys()].map(connectionsOf));
      return { connections: counts.reduce((sum, count) => sum + count, 0), queues: false, waiting: 0, children: exited.size };
    },
    stop: () => stopAll(options.graceMs),
  };
};
