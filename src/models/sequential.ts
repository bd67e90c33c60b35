/**
 * sequential: the tutorials' first, iterative server. One connection is served to completion,
 * then the next. Later clients are accepted (the kernel completes their handshake) but are not
 * read: they wait, unserved and unrejected, in arrival order until the current client leaves.
 */
import { socketUnit, stopGracefully } from '../shared/graceful-stop.js';
import { echo } from '../shared/echo.js';
import { createEchoServer, listen } from '../shared/listen.js';
import { peerName, prepareSocket } from '../shared/socket.js';
import { SocketQueue } from '../shared/socket-queue.js';
import { WorkMeter } from '../shared/work.js';
import type { Socket } from 'node:net';
import type { StartModel } from './model.js';

export const start: StartModel = async ({ options, work, log }) => {
  const waiting = new SocketQueue();
  const server = createEchoServer((socket) => {
    waiting.push(socket);
    // Waiting is this model's whole tradeoff: say so when a client starts to wait, not only when served.
    if (current) log.info(`wait ${peerName(socket)}: accepted, not served until ${peerName(current)} leaves (${waiting.length} waiting)`);
  }, /* pauseOnConnect */ true);
  const address = await listen(server, options, log);
  let current: Socket | undefined;

  const loop = (async () => {
    for await (const { socket } of waiting) {              // take the next connection,
      current = socket;
      log.info(`open ${peerName(socket)} (${waiting.length} waiting)`);
      prepareSocket(socket, { idleTimeoutMs: options.idleTimeoutMs, log });
      await echo(socket, new WorkMeter(work));             // read and write until it ends, close,
      log.info(`close ${peerName(socket)}`);
      current = undefined;
    }                                                      // repeat.
  })();

  return {
    address,
    stats: () => ({ connections: current ? 1 : 0, queues: true, waiting: waiting.length }),
    async stop() {
      server.close();
      waiting.close(); // clients still waiting were never served; they are closed now
      await stopGracefully(current ? [socketUnit(current)] : [], options.graceMs);
      await loop;
    },
  };
};
