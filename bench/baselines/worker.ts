/** Baseline worker: a new thread per connection, the socket transferred unread; at most maxWorkers at once. */
import net, { type Socket } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { baselineArgs, echo, HOST, ready, SERVER_OPTIONS } from './common.js';

if (!isMainThread) {
  // The thread ends once its socket closes: nothing else keeps its event loop alive.
  parentPort!.once('message', ({ socket }: { socket: Socket }) => echo(socket, workerData));
} else {
  const { port, work, maxWorkers } = baselineArgs();
  const waiting: Socket[] = [];
  let live = 0;
  const next = () => {
    for (let socket; live < maxWorkers && (socket = waiting.shift()); live++) {
      const thread = new Worker(new URL(import.meta.url), { workerData: work, execArgv: [] });
      thread.postMessage({ socket }, [socket as never]);
      thread.once('exit', () => {
        live--;
        next();
      });
    }
  };
  const server = net.createServer({ ...SERVER_OPTIONS, pauseOnConnect: true }, (socket) => {
    socket.on('error', () => {});
    waiting.push(socket);
    next();
  });
  server.listen(port, HOST, () => ready('worker', server, () => waiting.length));
}
