/** Baseline event-loop: one thread, a callback per readable socket. */
import net from 'node:net';
import { baselineArgs, echo, HOST, ready, SERVER_OPTIONS } from './common.js';

const { port, work } = baselineArgs();
const server = net.createServer(SERVER_OPTIONS, (socket) => echo(socket, work));
server.listen(port, HOST, () => ready('event-loop', server));
