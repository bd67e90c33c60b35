/** Baseline sequential: one connection served to its end, then the next; the others wait unread. */
import net, { type Socket } from 'node:net';
import { baselineArgs, echo, HOST, ready, SERVER_OPTIONS } from './common.js';

const { port, work } = baselineArgs();
const waiting: Socket[] = [];
let current: Socket | undefined;

function next(): void {
  current = waiting.shift();
  if (current === undefined) return;
  current.once('close', next);
  echo(current, work);
}

const server = net.createServer({ ...SERVER_OPTIONS, pauseOnConnect: true }, (socket) => {
  socket.on('error', () => {}); // a waiting client may reset
  waiting.push(socket);
  if (current === undefined) next();
});
server.listen(port, HOST, () => ready('sequential', server, () => waiting.length));
