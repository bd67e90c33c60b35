/** Baseline reuseport: N threads, each an event-loop server listening on the same port with reusePort. */
import net, { type AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { baselineArgs, echo, HOST, ready, SERVER_OPTIONS } from './common.js';

if (isMainThread) {
  const { port, work, threads } = baselineArgs();
  /** A thread listening on `port`; resolves with the port it bound. */
  const start = (port: number) =>
    new Promise<number>((resolve) => new Worker(new URL(import.meta.url), { workerData: { port, work }, execArgv: [] }).once('message', resolve));
  // The first thread binds (perhaps port 0); the others join it on the port it got.
  const bound = await start(port);
  await Promise.all(Array.from({ length: threads - 1 }, () => start(bound)));
  ready('reuseport', bound);
} else {
  const server = net.createServer(SERVER_OPTIONS, (socket) => echo(socket, workerData.work));
  server.listen({ host: HOST, port: workerData.port, reusePort: true }, () => parentPort!.postMessage((server.address() as AddressInfo).port));
}
