/**
 * A reuseport-model thread: the event-loop echo server, on a port it shares with the other threads
 * (SO_REUSEPORT). It counts its live and accepted connections in shared memory for the main thread.
 */
import type { Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { socketUnit, stopGracefully } from '../shared/graceful-stop.js';
import { createEchoServer, listen, ListenError } from '../shared/listen.js';
import { createLogger } from '../shared/log.js';
import { logSink } from '../shared/log-sink.js';
import { serveConnection, type ServiceConfig } from '../shared/service.js';
import { peerName } from '../shared/socket.js';
import { toError } from '../shared/to-error.js';

export interface ReuseportThreadConfig {
  service: ServiceConfig;
  host: string;
  port: number;
  backlog: number;
  graceMs: number;
  /** This thread's share of the process's connection limit (the threads split it). */
  fdShare: number;
  /** Int32 pairs, one per thread: [live, accepted]. */
  counters: SharedArrayBuffer;
  index: number;
}

export type ReuseportThreadMessage = { type: 'listening'; port: number } | { type: 'listen-error'; code: string | undefined; message: string };
export type ReuseportCommand = { type: 'stop' };

const { service, host, port, backlog, graceMs, fdShare, counters, index } = workerData as ReuseportThreadConfig;
const log = createLogger(service.logLevel, 'reuseport-thread', logSink(service.logFile));
const counts = new Int32Array(counters, index * 2 * Int32Array.BYTES_PER_ELEMENT, 2);
const [LIVE, ACCEPTED] = [0, 1];
const live = new Set<Socket>();
const port0 = parentPort!;

const server = createEchoServer((socket) => {
  live.add(socket);
  Atomics.add(counts, LIVE, 1);
  Atomics.add(counts, ACCEPTED, 1);
  log.info(`open ${peerName(socket)}`);
  void serveConnection(socket, service, log, () => process.exit(70)).then(() => {
    live.delete(socket);
    Atomics.sub(counts, LIVE, 1);
    log.info(`close ${peerName(socket)}`);
  });
});

listen(server, { host, port, backlog, reusePort: true, fdShare }, log).then(
  (address) => port0.postMessage({ type: 'listening', port: address.port } satisfies ReuseportThreadMessage),
  (error: unknown) => {
    const code = error instanceof ListenError ? error.code : undefined;
    port0.postMessage({ type: 'listen-error', code, message: toError(error).message } satisfies ReuseportThreadMessage);
  },
);

port0.on('message', async (command: ReuseportCommand) => {
  if (command.type !== 'stop') return;
  server.close();
  await stopGracefully([...live].map(socketUnit), graceMs);
  process.exit(0);
});
