/**
 * fork: a new process per connection, the CGI/inetd-style design of the tutorials' "fork" server.
 * The parent only accepts; it hands each socket to a fresh child (child_process.fork) that echoes
 * and exits when its client leaves. The parent never waits on one child before accepting the next
 * (the tutorials' serial flaw). At most `maxChildren` live at once: each Node child costs a process's
 * memory and the CPU of a Node start-up (measured in the churn scenario), so further connections wait in arrival order for a free slot.
 *
 * The parent watches every connection from its arrival (shared/socket-queue.ts): a client that
 * leaves before its turn is dropped there and never costs a process, and none is forked for before
 * its client has shown it is still there (its first bytes, or one event-loop turn with no FIN or
 * reset), so a flood of clients that already left costs no process either, even when slots are free.
 * Bytes read while watching go to the child with the socket and are echoed first.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { stopGracefully } from '../shared/graceful-stop.js';
import { FDS_PER_CHILD } from '../shared/fd-limit.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { serviceConfig } from '../shared/service.js';
import { peerName } from '../shared/socket.js';
import { SocketQueue, type QueuedConnection } from '../shared/socket-queue.js';
import { toError } from '../shared/to-error.js';
import type { StartModel } from './model.js';
import type { ConnectionMessage } from './fork-child.js';

const CHILD_SCRIPT = new URL('./fork-child.js', import.meta.url);
/** Bytes the parent holds per waiting connection while watching it (the kernel buffers the rest). */
const WATCH_BYTES = 16 * 1024;

export const start: StartModel = async ({ options, work, log }) => {
  const waiting = new SocketQueue({
    maxBytes: WATCH_BYTES,
    onAbandoned: (socket) => log.debug(`dropped ${peerName(socket)}: the client left while waiting`),
  });
  const children = new Map<ChildProcess, { exited: Promise<void>; kill(): void }>();
  const server = createEchoServer((socket) => waiting.push(socket), /* pauseOnConnect: the queue decides */ true);
  const address = await listen(server, { ...options, reservedFds: options.maxChildren * FDS_PER_CHILD }, log);
  const config = serviceConfig(options, work);

  async function serveInChild({ socket, preread }: QueuedConnection): Promise<void> {
    const peer = peerName(socket);
    // Out of processes, descriptors or memory (EAGAIN, EMFILE, ENOMEM): close this connection, keep serving.
    const cannotStart = (error: NodeJS.ErrnoException) => {
      log.warn(`cannot start a child for ${peer}: ${error.code ?? error.message}`);
      socket.destroy();
    };
    let child: ChildProcess;
    try {
      // execArgv: [] so a child never inherits a TypeScript loader or inspector from the parent.
      child = fork(CHILD_SCRIPT, [JSON.stringify(config)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    } catch (error) {
      cannotStart(toError(error)); // most start failures come as 'error' below, some are thrown
      return;
    }
    let killedAtStop = false;
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        socket.destroy(); // a child that died before taking the socket must not leave it open here
        if (killedAtStop) log.info(`child ${child.pid ?? '?'} for ${peer} ended at the end of the grace period`);
        else if (code !== 0) log.warn(`child ${child.pid ?? '?'} for ${peer} ended abnormally (${signal ?? `code ${code}`})`);
        resolve();
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        cannotStart(error);
        resolve();
      });
    });
    children.set(child, {
      exited,
      kill: () => {
        killedAtStop = true;
        child.kill('SIGKILL');
      },
    });
    child.once('message', () => {
      // The child is ready: pass the socket; the parent's copy of the descriptor is then closed.
      const message: ConnectionMessage = { type: 'connection', preread: preread?.toString('base64') };
      child.send(message, socket, (error) => {
        if (error) {
          log.warn(`handing ${peer} to child ${child.pid} failed: ${error.message}`);
          child.kill();
        }
      });
    });
    log.info(`open ${peer} in child ${child.pid ?? '?'} (${children.size} live, ${waiting.length} waiting)`);
    await exited;
    children.delete(child);
    log.info(`close ${peer} (child ${child.pid ?? '?'} exited)`);
  }

  // At most maxChildren at once: each slot takes the next waiting connection and serves it in a child.
  const serving = waiting.serve(options.maxChildren, serveInChild);

  return {
    address,
    stats: () => ({ connections: children.size, children: children.size, queues: true, waiting: waiting.length, abandoned: waiting.abandoned }),
    async stop() {
      server.close();
      waiting.close();
      await stopGracefully(
        [...children.values()].map(({ exited, kill }) => ({ gone: exited, kill })),
        options.graceMs,
      );
      await serving;
    },
  };
};
