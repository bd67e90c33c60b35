/**
 * worker: a new thread per connection (worker_threads), the tutorials' "thread" server done right:
 * the main thread only accepts and hands each socket over, never joining a connection's thread
 * before accepting the next. The thread owns its connection: it does all of that connection's
 * I/O, the work and the echo, and exits when its client leaves. At most `maxWorkers` threads live
 * at once; further connections wait, accepted and unread, in arrival order. (They cannot be watched
 * for clients that leave, as fork's queue is: a socket that has been read cannot move to a thread.)
 */
import { Worker } from 'node:worker_threads';
import { drain } from '../shared/drain.js';
import { FDS_PER_THREAD } from '../shared/fd-limit.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { serviceConfig } from '../shared/service.js';
import { peerName } from '../shared/socket.js';
import { SocketQueue, type QueuedConnection } from '../shared/socket-queue.js';
import { toError } from '../shared/to-error.js';
import type { StartModel } from './model.js';
import type { ConnectionHandOver } from './worker-thread.js';

const THREAD_SCRIPT = new URL('./worker-thread.js', import.meta.url);

export const start: StartModel = async ({ options, work, log }) => {
  const waiting = new SocketQueue();
  const live = new Map<Worker, Promise<void>>();
  let acceptorBytesRead = 0;
  let stopping = false;
  const server = createEchoServer((socket) => waiting.push(socket), /* pauseOnConnect: never read here */ true);
  const address = await listen(server, { ...options, reservedFds: options.maxWorkers * FDS_PER_THREAD }, log);
  const config = serviceConfig(options, work);

  async function serveInThread({ socket }: QueuedConnection): Promise<void> {
    const peer = peerName(socket);
    let thread: Worker;
    try {
      thread = new Worker(THREAD_SCRIPT, { workerData: config, execArgv: [] });
    } catch (error) {
      log.warn(`cannot start a thread for ${peer}: ${toError(error).message}`);
      socket.destroy();
      return;
    }
    const { threadId } = thread; // -1 once it has exited
    const exited = new Promise<void>((resolve) => {
      thread.once('exit', (code) => {
        // A thread that ends early (crash, out of memory) takes only its own connection with it.
        if (code !== 0 && !stopping) log.warn(`thread ${threadId} for ${peer} ended early (code ${code}); its connection closed with it`);
        resolve();
      });
    });
    thread.on('error', (error) => log.warn(`thread for ${peer} failed: ${error.message}`));
    live.set(thread, exited);
    // Transferred, not copied: from here the socket belongs to the thread (this side is closed).
    thread.postMessage({ socket } satisfies ConnectionHandOver, [socket as never]);
    log.info(`open ${peer} in thread ${threadId} (${live.size} live, ${waiting.length} waiting)`);
    await exited;
    live.delete(thread);
    acceptorBytesRead += socket.bytesRead; // this thread's side of the socket: 0 unless it read
    log.info(`close ${peer} (thread ${threadId} exited)`);
  }

  // At most maxWorkers at once: each slot takes the next waiting connection and serves it in a thread.
  const serving = waiting.serve(options.maxWorkers, serveInThread);

  return {
    address,
    stats: () => ({ connections: live.size, threads: live.size, queues: true, waiting: waiting.length, acceptorBytesRead }),
    async stop() {
      stopping = true;
      server.close();
      waiting.close();
      await drain(
        [...live].map(([thread, exited]) => ({ gone: exited, kill: () => void thread.terminate() })),
        options.graceMs,
      );
      await serving;
    },
  };
};
