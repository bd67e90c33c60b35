#!/usr/bin/env node
/**
 * agent: echolab's side of a remote run, started by the harness over ssh (never by hand). It reads
 * newline-delimited JSON on stdin and answers on stdout; it listens on no port for control. Its stdin
 * is the lifeline: when it closes (the harness ended the session, died, or the connection dropped),
 * the agent stops its server or load and exits within a second.
 *   --role hello      say which echolab this is, and exit (the harness's version check)
 *   --role generator  a generator process (the generator protocol, as over IPC)
 *   --role server     one server under test, its stats, and /proc samples of its process tree
 */
import '../shared/require-node.js';
import { createInterface } from 'node:readline';
import { parseCommandLine } from '../shared/command-line.js';
import { UsageError } from '../shared/exit-codes.js';
import { toError } from '../shared/to-error.js';
import { generatorHandler } from '../harness/load/generator-handler.js';
import { planGeneratorPlacements, pinProcess } from '../harness/plan/placement.js';
import { startServer, killTree, type ServerProcess } from '../harness/server/server-process.js';
import { TreeSampler } from '../harness/server/sampler.js';
import { ECHOLAB_VERSION } from '../harness/transport/version.js';
import { SILENCE_MS } from '../harness/transport/ssh-link.js';
import type { FromServerAgent, ToServerAgent } from '../harness/transport/agent-protocol.js';
import { parseServeArgs } from './serve-options.js';
import { runMain } from './run-main.js';

const USAGE = 'usage: agent --role hello|generator|server   (started by bench over ssh; speaks JSON lines on stdin/stdout)';
/** Serve flags a remote server may be given: the ones the suite uses, nothing that writes files or detaches. */
const ALLOWED_SERVE_FLAGS = new Set(['--log-level', '--grace', '--work-us', '--work-bytes']);
const PING_LINE = JSON.stringify({ type: 'ping' });

runMain('agent', USAGE, async (argv) => {
  const { values } = parseCommandLine(argv, { role: { type: 'string' } });
  const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
  send({ type: 'hello', version: ECHOLAB_VERSION });
  if (values.role === 'hello') return;
  if (values.role === 'generator') return generator(send);
  if (values.role === 'server') return server(send);
  throw new UsageError(`--role must be hello, generator or server, got '${values.role ?? ''}'`);
});

/** Calls `stop` once, when the harness's side of the session goes away. */
function onLifelineCut(stop: () => void): void {
  let stopping = false;
  const once = () => {
    if (stopping) return;
    stopping = true;
    stop();
  };
  process.stdin.on('end', once).on('close', once).on('error', once);
  process.stdout.on('error', once); // EPIPE: nobody reads us any more
  for (const signal of ['SIGHUP', 'SIGTERM', 'SIGINT', 'SIGPIPE'] as const) process.on(signal, once);
  // A connection that silently drops closes no pipe: the harness's pings stop coming.
  let heard = Date.now();
  process.stdin.on('data', () => (heard = Date.now()));
  setInterval(() => Date.now() - heard > SILENCE_MS && once(), 250).unref();
}

function lines(handle: (message: unknown) => void): void {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === '' || line === PING_LINE) return;
    try {
      handle(JSON.parse(line));
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ type: 'fatal', message: `bad message: ${toError(error).message}` })}\n`);
    }
  });
}

function generator(send: (message: object) => void): void {
  // Pinned by this host's own placement, as local generator processes are by the harness's.
  pinProcess(process.pid, planGeneratorPlacements(['rest']).get('rest')!.generatorCpus);
  onLifelineCut(() => process.exit(0)); // its sockets close with it
  const handle = generatorHandler(send);
  lines((message) => handle(message as Parameters<typeof handle>[0]));
}

function server(send: (message: FromServerAgent) => void): void {
  let running: ServerProcess | undefined;
  let sampler: TreeSampler | undefined;
  onLifelineCut(() => {
    if (!running) process.exit(0);
    // SIGTERM, and the whole tree SIGKILLed if it is not gone within 800 ms: within a second either way.
    void running.stop(800).finally(() => process.exit(0));
    setTimeout(() => (killTree(running!.pid), process.exit(0)), 900).unref();
  });
  lines((raw) => {
    const message = raw as ToServerAgent;
    void (async () => {
      switch (message.type) {
        case 'serve': {
          if (running) throw new Error('a server is already running');
          const flags = message.args.filter((arg) => arg.startsWith('-'));
          const refused = flags.find((flag) => !ALLOWED_SERVE_FLAGS.has(flag));
          if (refused) throw new Error(`serve flag ${refused} is not for remote servers`);
          parseServeArgs([message.model, ...message.args]); // throws a usage error on anything serve would refuse
          running = await startServer(message.model, { args: [...message.args, '--host', '0.0.0.0'] });
          // A server that ends ends the session too: the harness sees why, then the session close.
          void running.exited.then(({ code, signal }) => {
            process.stdout.write(`${JSON.stringify({ type: 'exited', code, signal, log: running!.stderr().slice(-2000) })}\n`, () => process.exit(0));
          });
          send({ type: 'ready', port: running.port, pid: running.pid });
          return;
        }
        case 'stats':
          send({ type: 'stats', stats: await running!.stats() });
          return;
        case 'sample':
          if (message.action === 'start') (sampler = new TreeSampler(running!.pid)).start();
          else if (message.action === 'window') sampler?.windowEnded();
          else {
            const server = sampler?.stop();
            sampler = undefined;
            if (server) send({ type: 'samples', server });
          }
          return;
      }
    })().catch((error: unknown) => send({ type: 'fatal', message: toError(error).message }));
  });
}
