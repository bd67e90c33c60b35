/**
 * worker: a thread per connection (worker_threads), the tutorials' "thread" server done right:
 * the main thread only accepts and hands each socket over, never joining a connection's thread
 * before accepting the next. The thread owns its connection: it does all of that connection's
 * I/O, the work and the echo, and exits when its client leaves. At most `maxWorkers` threads serve
 * at once; further connections wait, accepted and unread, in arrival order. (They cannot be watched
 * for clients that leave, as fork's queue is: a socket that Node has read cannot move to a thread.)
 * Instead each is vetted when its turn comes (vet-unread.ts: one read of at most a byte on the
 * descriptor): a client that already left is dropped there and never costs a thread or a hand-over.
 *
 * With a thread cache (`threadCache` > 0, MySQL's thread_cache_size), up to that many threads
 * whose connection ended wait for the next one instead of exiting: a new connection then costs a
 * hand-over instead of a thread start.
 */
import type { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { stopGracefully } from '../shared/graceful-stop.js';
import { FDS_PER_THREAD } from '../shared/fd-limit.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { serviceConfig } from '../shared/service.js';
import { peerName } from '../shared/socket.js';
import { SocketQueue, type QueuedConnection } from '../shared/socket-queue.js';
import { toError } from '../shared/to-error.js';
import { vetUnread } from '../shared/vet-unread.js';
import type { StartModel } from './model.js';
import type { ToThread } from './worker-thread.js';

const THREAD_SCRIPT = new URL('./worker-thread.js', import.meta.url);

/** A live thread as the main thread sees it. */
interface ServiceThread {
  readonly threadId: number;
  readonly exited: Promise<void>;
  /** Hand it a connection (and the byte vetting read, if any): resolves true when the connection has ended, false if the thread died first. */
  serve(socket: Socket, preread: Buffer | undefined): Promise<boolean>;
  /** Tell an idle thread to exit. */
  dismiss(): void;
  terminate(): void;
}

export const start: StartModel = async ({ options, work, log }) => {
  const waiting = new SocketQueue();
  const threads = new Set<ServiceThread>();
  /** Threads whose connection ended, waiting for the next (the most recent last). */
  const cached: ServiceThread[] = [];
  let serving = 0;
  let acceptorBytesRead = 0;
  let abandoned = 0;
  let stopping = false;
  const server = createEchoServer((socket) => waiting.push(socket), /* pauseOnConnect: never read here */ true);
  const address = await listen(server, { ...options, reservedFds: options.maxWorkers * FDS_PER_THREAD }, log);
  const config = serviceConfig(options, work);

  function startThread(): ServiceThread {
    const worker = new Worker(THREAD_SCRIPT, { workerData: config, execArgv: [] });
    const { threadId } = worker; // -1 once it has exited
    let ended: ((served: boolean) => void) | undefined;
    worker.on('message', () => ended?.(true));
    worker.on('error', (error) => log.warn(`thread ${threadId} failed: ${error.message}`));
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', (code) => {
        // A thread that ends early (crash, out of memory) takes only its own connection with it.
        if (code !== 0 && !stopping) log.warn(`thread ${threadId} ended early (code ${code}); its connection closed with it`);
        ended?.(false);
        threads.delete(thread);
        if (cached.includes(thread)) cached.splice(cached.indexOf(thread), 1);
        resolve();
      });
    });
    const send = (message: ToThread, transfer: never[] = []) => worker.postMessage(message, transfer);
    const thread: ServiceThread = {
      threadId,
      exited,
      serve: (socket, preread) =>
        new Promise((resolve) => {
          ended = (served) => {
            ended = undefined;
            resolve(served);
          };
          // Transferred, not copied: from here the socket belongs to the thread (this side is closed).
          send({ type: 'connection', socket, preread }, [socket as never]);
        }),
      dismiss: () => send({ type: 'leave' }),
      terminate: () => void worker.terminate(),
    };
    threads.add(thread);
    return thread;
  }

  async function serveInThread({ socket }: QueuedConnection): Promise<void> {
    const peer = peerName(socket);
    const vetting = vetUnread(socket);
    if (vetting.left) {
      abandoned++;
      socket.destroy();
      log.info(`dropped ${peer}: its client left before its turn`);
      return;
    }
    const { preread } = vetting;
    acceptorBytesRead += preread?.length ?? 0;
    let thread = cached.pop();
    if (!thread) {
      try {
        thread = startThread();
      } catch (error) {
        log.warn(`cannot start a thread for ${peer}: ${toError(error).message}`);
        socket.destroy();
        return;
      }
    }
    serving++;
    const served = thread.serve(socket, preread);
    log.info(`open ${peer} in thread ${thread.threadId} (${serving} serving, ${cached.length} cached, ${waiting.length} waiting)`);
    const alive = await served;
    serving--;
    acceptorBytesRead += socket.bytesRead; // this thread's side of the socket: 0 unless it read
    const keep = alive && !stopping && cached.length < options.threadCache;
    if (keep) cached.push(thread);
    else if (alive) {
      thread.dismiss();
      await thread.exited; // this slot's thread is gone before the slot starts another
    }
    log.info(`close ${peer} (thread ${thread.threadId} ${keep ? 'cached' : 'exited'})`);
  }

  // At most maxWorkers at once: each slot takes the next waiting connection and serves it in a thread.
  const slots = waiting.serve(options.maxWorkers, serveInThread);

  return {
    address,
    stats: () => ({ connections: serving, threads: threads.size, queues: true, waiting: waiting.length, abandoned, acceptorBytesRead }),
    async stop() {
      stopping = true;
      server.close();
      waiting.close();
      for (const thread of cached.splice(0)) thread.dismiss();
      await stopGracefully(
        [...threads].map((thread) => ({ gone: thread.exited, kill: () => thread.terminate() })),
        options.graceMs,
      );
      await slots;
    },
  };
};
