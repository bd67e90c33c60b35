/** Baseline fork: a new process per connection, the socket handed over unread; at most maxChildren at once. */
import { fork } from 'node:child_process';
import net, { type Socket } from 'node:net';
import { baselineArgs, echo, HOST, ready, SERVER_OPTIONS } from './common.js';

if (process.argv[2] === '--child') {
  // Child: take one socket, echo it, exit when it closes (or when the parent goes).
  process.on('disconnect', () => process.exit(0));
  process.once('message', (_message, socket: Socket) => {
    socket.once('close', () => process.exit(0));
    echo(socket, JSON.parse(process.argv[3]!));
  });
  process.send!('ready');
} else {
  const { port, work, maxChildren } = baselineArgs();
  const waiting: Socket[] = [];
  let live = 0;
  const next = () => {
    for (let socket; live < maxChildren && (socket = waiting.shift()); live++) {
      const child = fork(new URL(import.meta.url), ['--child', JSON.stringify(work)], { execArgv: [] });
      child.once('message', () => child.send('socket', socket));
      child.once('exit', () => {
        socket.destroy();
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
  server.listen(port, HOST, () => ready('fork', server, () => waiting.length));
}
