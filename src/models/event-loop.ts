/**
 * event-loop (reference): the idiomatic Node server. One thread, non-blocking sockets, and a
 * callback per readable socket: every connection is served at once, interleaved on one core.
 * CPU work blocks every connection while it runs.
 */
import type { Socket } from 'node:net';
import { socketUnit, stopGracefully } from '../shared/graceful-stop.js';
import { echo } from '../shared/echo.js';
import { createEchoServer, listen, type ListenOptions } from '../shared/listen.js';
import { peerName, prepareSocket } from '../shared/socket.js';
import { WorkMeter } from '../shared/work.js';
import type { ModelContext, RunningServer, StartModel } from './model.js';

export const start: StartModel = (context) => serveEventLoop(context);

/** The event-loop server; a model that runs it elsewhere (cluster's workers) may change how it listens. */
export async function serveEventLoop({ options, work, log }: ModelContext, listenChanges: Partial<ListenOptions> = {}): Promise<RunningServer> {
  const live = new Set<Socket>();
  const server = createEchoServer((socket) => {
    live.add(socket);
    log.info(`open ${peerName(socket)}`);
    prepareSocket(socket, { idleTimeoutMs: options.idleTimeoutMs, log });
    void echo(socket, new WorkMeter(work)).then(() => {
      live.delete(socket);
      log.info(`close ${peerName(socket)}`);
    });
  });
  const address = await listen(server, { ...options, ...listenChanges }, log);

  return {
    address,
    stats: () => ({ connections: live.size, queues: false, waiting: 0 }),
    async stop() {
      server.close();
      await stopGracefully([...live].map(socketUnit), options.graceMs);
    },
  };
}
