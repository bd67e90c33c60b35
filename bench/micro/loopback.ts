/** A loopback listener that yields connected (client, accepted) socket pairs, the accepted end unread. */
import { once } from 'node:events';
import net, { type AddressInfo, type Socket } from 'node:net';
import type { Scope } from './scope.js';
import { deadline } from './timing.js';

export interface SocketPair {
  client: Socket;
  /** The server's end, paused and unread: ready to hand to another process as the models do. */
  accepted: Socket;
  /** Resolves when the client has the whole payload back. */
  echoed: Promise<void>;
}

export class Loopback {
  private constructor(private readonly server: net.Server) {}

  static async start(scope: Scope): Promise<Loopback> {
    const server = net.createServer({ pauseOnConnect: true });
    const sockets = new Set<Socket>();
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    scope.defer(() => {
      for (const socket of sockets) socket.destroy();
      // Not awaited: close()'s callback waits for sockets handed to children to be reported closed,
      // and a child that has exited never reports. The listening handle itself closes at once.
      server.close();
    });
    return new Loopback(server);
  }

  /**
   * Connect a new client that has already written `payload` (as a client does right after connect),
   * and return both ends. One pair at a time (the benchmarks are sequential).
   */
  async pair(payload: Uint8Array): Promise<SocketPair> {
    const { port } = this.server.address() as AddressInfo;
    const accepted = once(this.server, 'connection') as Promise<[Socket]>;
    const client = net.connect({ host: '127.0.0.1', port, noDelay: true });
    client.on('error', () => {}); // a failed echo shows as a deadline error, with a clearer message
    await deadline(once(client, 'connect'), 5000, 'loopback connect');
    const [socket] = await deadline(accepted, 5000, 'loopback accept');
    const echoed = received(client, payload.length);
    client.write(payload);
    return { client, accepted: socket, echoed };
  }
}

/** Resolve when `bytes` bytes have come in on `socket`. */
function received(socket: Socket, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    let received = 0;
    const onData = (data: Buffer) => {
      received += data.length;
      if (received < bytes) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
  });
}
