/**
 * The clients that queue behind one busy slot in the queue tests: leavers (half by FIN with nothing
 * sent, half by reset), one that sends a little and stays, one that sends more than a watching or
 * vetting server holds for it and half-closes, and one that sends a byte and half-closes.
 */
import { EchoClient, randomPayload } from './client.js';

export const LEAVERS = 20;
export const SMALL_MESSAGE = 'sent while waiting';

export interface WaitingClients {
  leavers: EchoClient[];
  small: EchoClient;
  big: EchoClient;
  bigPayload: Buffer;
  halfClosed: EchoClient;
  all(): EchoClient[];
}

export async function waitingClients(port: number): Promise<WaitingClients> {
  const leavers = await Promise.all(Array.from({ length: LEAVERS }, () => EchoClient.connect(port)));
  leavers.forEach((client, i) => (i % 2 === 0 ? client.end() : client.reset()));
  const small = await EchoClient.connect(port);
  await small.send(SMALL_MESSAGE);
  const big = await EchoClient.connect(port);
  const bigPayload = randomPayload(200 * 1024);
  big.socket.end(bigPayload);
  const halfClosed = await EchoClient.connect(port);
  halfClosed.socket.end('x');
  return { leavers, small, big, bigPayload, halfClosed, all: () => [small, big, halfClosed, ...leavers] };
}
