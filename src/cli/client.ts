#!/usr/bin/env node
/**
 * client: the tutorials' tcpClient. Sends stdin to the server and prints what comes back,
 * interactively or from a pipe; when input ends it half-closes and exits once the echo is complete.
 *   client [host] <port>
 */
import '../shared/require-node.js'; // first: a one-line stop on an old Node
import net from 'node:net';
import { ExitCode, FatalError, UsageError } from '../shared/exit-codes.js';
import { parseNumber } from '../shared/parse-number.js';
import { parseCommandLine } from '../shared/command-line.js';
import { runMain } from './run-main.js';

const USAGE = 'usage: client [host] <port>\n  host defaults to 127.0.0.1; sends stdin, prints the echo, exits when stdin ends';

runMain('client', USAGE, async (argv) => {
  const { values, positionals } = parseCommandLine(argv, { help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(positionals.length === 0 ? 'missing port' : 'too many arguments');
  const host = positionals.length === 2 ? positionals[0]! : '127.0.0.1';
  const port = parseNumber('port', positionals.at(-1)!, { min: 1, max: 65535, positional: true });

  const socket = net.connect({ host, port, allowHalfOpen: true, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (error: NodeJS.ErrnoException) =>
      reject(new FatalError(`cannot connect to ${host}:${port}: ${error.code ?? error.message}`, ExitCode.connectionFailed)),
    );
  });
  // stdin's end half-closes the socket (pipe calls end()); the server echoes the rest, then its FIN.
  process.stdin.pipe(socket);
  socket.pipe(process.stdout);
  await new Promise<void>((resolve, reject) => {
    socket.once('close', (hadError) => (hadError ? reject(new FatalError('connection reset by the server', ExitCode.connectionFailed)) : resolve()));
    socket.on('error', () => {});
  });
  process.stdin.destroy();
});
