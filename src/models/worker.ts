/**
 * worker: a new thread per connection (worker_threads), the tutorials' "thread" server done right:
 * the main thread never joins a connection's thread before accepting the next. Node 20 cannot
 * safely hand a socket to another thread (nodejs/node#30507), so the main thread keeps the socket
 * I/O and the connection's own thread does its service (the work and the echo). Chunks are
 * transferred, not copied, and come back in order. At most `maxWorkers` threads live at once;
 * further connections wait in arrival order.
 */
import type { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { drain, socketUnit } from '../shared/drain.js';
import { FDS_PER_THREAD } from '../shared/fd-limit.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { Relay } from '../shared/relay.js';
import { peerName, prepareSocket } from '../shared/socket.js';
import { SocketQueue } from '../shared/socket-queue.js';
import { detachable } from '../shared/transfer.js';
import type { StartModel } from './model.js';
import type { ThreadConfig } from './worker-thread.js';

const THREAD_SCRIPT = new URL('./worker-thread.js', import.meta.url);
/** Bytes a connection may have out at its thread before reading pauses. */
const MAX_IN_FLIGHT_BYTES = 1 << 20;

export const start: StartModel = async ({ options, work, log }) => {
  const waiting = new SocketQueue();
  const live = new Map<Socket, Worker>();
  const server = createEchoServer((socket) => waiting.push(socket), /* pauseOnConnect */ true);
  const address = await listen(server, { ...options, reservedFds: options.maxWorkers * FDS_PER_THREAD }, log);
  const threadConfig: ThreadConfig = { work, crashToken: options.crashToken };

  async function serveInThread(socket: Socket): Promise<void> {
    const peer = peerName(socket);
    prepareSocket(socket, { idleTimeoutMs: options.idleTimeoutMs, log });
    let thread: Worker;
    try {
      thread = new Worker(THREAD_SCRIPT, { workerData: threadConfig, execArgv: [] });
    } catch (error) {
      log.warn(`cannot start a thread for ${peer}: ${(error as Error).message}`);
      socket.destroy();
      return;
    }
    live.set(socket, thread);
    log.info(`open ${peer} in thread ${thread.threadId} (${live.size} live, ${waiting.length} waiting)`);
    const relay = new Relay(
      socket,
      (chunk) => {
        const owned = detachable(chunk);
        thread.postMessage(owned, [owned.buffer]);
      },
      { maxInFlightBytes: MAX_IN_FLIGHT_BYTES },
    );
    thread.on('message', (reply: Uint8Array) => relay.reply(reply));
    thread.on('error', (error) => log.warn(`thread for ${peer} failed: ${error.message}`));
    // A thread that ends early (crash, out of memory) takes only its own connection with it.
    thread.on('exit', (code) => {
      if (socket.destroyed) return; // we ended it: the connection had closed
      log.warn(`thread for ${peer} ended early (code ${code}); closing its connection`);
      socket.destroy();
    });
    await relay.closed;
    await thread.terminate();
    live.delete(socket);
    log.info(`close ${peer}`);
  }

  // At most maxWorkers at once: each slot takes the next waiting connection and serves it in a thread.
  const serving = waiting.serve(options.maxWorkers, serveInThread);

  return {
    address,
    stats: () => ({ connections: live.size, threads: live.size, waiting: waiting.length }),
    async stop() {
      server.close();
      waiting.close();
      await drain([...live.keys()].map(socketUnit), options.graceMs);
      await serving;
    },
  };
};
