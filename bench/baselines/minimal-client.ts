/**
 * The 20-line Node client our generator is held to (bench:targets target 8): `connections` sockets
 * on 127.0.0.1:`port`, each sending one 64-byte message and the next once its echo's length is back
 * ('data' events, a length check only: no byte verification, no latency recording). After `warmupMs`
 * it reads its own threads' CPU from the scheduler (as the harness reads the generator's), runs
 * `seconds`, reads again, and prints {"messages", "cpuUs"} as JSON.
 */
import net from 'node:net';
import { readTreeCounters } from '../../src/harness/server/thread-counters.js';

const [port, connections, seconds, warmupMs] = process.argv.slice(2).map(Number) as [number, number, number, number];
const MESSAGE = Buffer.alloc(64, 0x61);
let messages = 0;
for (let c = 0; c < connections; c++) {
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => socket.write(MESSAGE));
  let pending = MESSAGE.length;
  socket.on('data', (chunk: Buffer) => {
    pending -= chunk.length;
    if (pending > 0) return;
    messages++;
    pending = MESSAGE.length;
    socket.write(MESSAGE);
  });
}
const cpuNs = () => readTreeCounters([process.pid]).reduce((sum, thread) => sum + thread.cpuNs, 0);
setTimeout(() => {
  const [startMessages, startCpu] = [messages, cpuNs()];
  setTimeout(() => {
    process.stdout.write(`${JSON.stringify({ messages: messages - startMessages, cpuUs: (cpuNs() - startCpu) / 1000 })}\n`);
    process.exit(0);
  }, seconds * 1000);
}, warmupMs);
