/** A test client: connects, records every byte the server sends back and how the connection ended. */
import net, { type Socket } from 'node:net';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { eventually, within } from './poll.js';

export class EchoClient {
  private readonly chunks: Buffer[] = [];
  private receivedBytes = 0;
  /** The server's FIN arrived. */
  readonly ended: Promise<void>;
  /** The socket is fully closed; `hadError` if it ended by an error such as a reset. */
  readonly closed: Promise<{ hadError: boolean }>;
  /** The server ended the connection, by FIN (we stay half-open) or by reset. */
  readonly serverLeft: Promise<void>;
  error: NodeJS.ErrnoException | undefined;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.receivedBytes += chunk.length;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (this.error = error));
    // Plain listeners, not events.once: a reset must show in `closed`, not as a rejection.
    this.ended = new Promise((resolve) => socket.once('end', resolve));
    this.closed = new Promise((resolve) => socket.once('close', (hadError) => resolve({ hadError })));
    this.serverLeft = Promise.race([this.ended, this.closed]).then(() => undefined);
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<EchoClient> {
    const socket = net.connect({ port, host, allowHalfOpen: true, noDelay: true });
    const client = new EchoClient(socket);
    await within(`connect to ${host}:${port}`, once(socket, 'connect'), 10_000);
    return client;
  }

  get length(): number {
    return this.receivedBytes;
  }

  received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Write and wait until the bytes are handed to the kernel. */
  async send(data: Uint8Array | string): Promise<void> {
    await new Promise<void>((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Half-close: our FIN; the server must still send everything back. */
  end(): void {
    this.socket.end();
  }

  /** Abort with a TCP reset (RST), as a crashed client would. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  /** Wait until at least `bytes` have come back. */
  async waitFor(bytes: number, timeoutMs = 15_000): Promise<Buffer> {
    await eventually(`${bytes} bytes echoed (have ${this.receivedBytes})`, () => this.receivedBytes >= bytes || this.socket.destroyed, timeoutMs, 10);
    if (this.receivedBytes < bytes) throw new Error(`connection closed after ${this.receivedBytes} of ${bytes} bytes`);
    return this.received();
  }

  /** Wait `ms` and return how many bytes arrived meanwhile (for "this client is not served yet"). */
  async bytesDuring(ms: number): Promise<number> {
    const before = this.receivedBytes;
    await delay(ms);
    return this.receivedBytes - before;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Send `payload`, half-close, and return everything echoed before the server's FIN (or reset). */
export async function echoOnce(port: number, payload: Uint8Array, timeoutMs = 30_000): Promise<Buffer> {
  const client = await EchoClient.connect(port);
  try {
    client.socket.end(payload);
    await within(`echo of ${payload.length} bytes and the server's FIN`, client.serverLeft, timeoutMs);
    return client.received();
  } finally {
    client.destroy();
  }
}

/** Every byte value 0..255, NUL first. */
export function allByteValues(): Buffer {
  return Buffer.from(Array.from({ length: 256 }, (_, i) => i));
}

export function randomPayload(bytes: number): Buffer {
  return randomBytes(bytes);
}

/**
 * A client that never reads: pause our side, then push up to `totalBytes` in 1 MiB writes until
 * the server stops taking bytes for `stallMs`. Returns how many bytes left this process.
 */
export async function pushWithoutReading(client: EchoClient, totalBytes: number, stallMs = 2_000): Promise<number> {
  client.socket.pause();
  const chunk = Buffer.alloc(1 << 20, 0x5a);
  let written = 0;
  while (written < totalBytes && !client.socket.destroyed) {
    written += chunk.length;
    if (client.socket.write(chunk)) continue;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => client.socket.once('drain', () => resolve(true))),
      delay(stallMs).then(() => false),
    ]);
    if (!drained) break;
  }
  return written - client.socket.writableLength;
}
