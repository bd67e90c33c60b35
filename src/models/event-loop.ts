/**
 * event-loop (reference): the idiomatic Node server. One thread, non-blocking sockets, and a
 * callback per readable socket: every connection is served at once, interleaved on one core.
 * CPU work blocks every connection while it runs.
 */
import type { Socket } from 'node:net';
import { socketUnit, stopGracefully } from '../shared/graceful-stop.js';
import { createEchoServer, listen, type ListenOptions } from '../shared/listen.js';
import { serveConnection, serviceConfig } from '../shared/service.js';
import { peerName } from '../shared/socket.js';
import type { ModelContext, RunningServer, StartModel } from './model.js';

export const start: StartModel = (context) => serveEventLoop(context);

/** How a model that runs the event-loop server in its own processes or threads (cluster, reuseport) changes it. */
export interface EventLoopVariant {
  /** How it listens, where that differs from serve's options. */
  listen?: Partial<ListenOptions>;
  /** How this process or thread dies on the test's --crash-token; without it the token is not looked for. */
  die?: () => void;
  /** Told each time a connection opens or closes, with the number now live. */
  onConnectionsChange?(change: 'open' | 'close', live: number): void;
}

/** The event-loop server, as the model itself, a cluster worker or a reuseport thread runs it. */
export async function serveEventLoop({ options, work, log }: ModelContext, variant: EventLoopVariant = {}): Promise<RunningServer> {
  const { die, onConnectionsChange } = variant;
  const config = serviceConfig({ ...options, crashToken: die ? options.crashToken : undefined }, work);
  const live = new Set<Socket>();
  const server = createEchoServer((socket) => {
    live.add(socket);
    onConnectionsChange?.('open', live.size);
    log.info(`open ${peerName(socket)}`);
    void serveConnection(socket, config, log, die ?? (() => {})).then(() => {
      live.delete(socket);
      onConnectionsChange?.('close', live.size);
      log.info(`close ${peerName(socket)}`);
    });
  });
  const address = await listen(server, { ...options, ...variant.listen }, log);

  return {
    address,
    stats: () => ({ connections: live.size, queues: false, waiting: 0 }),
    async stop() {
      server.close();
      await stopGracefully([...live].map(socketUnit), options.graceMs);
    },
  };
}
