/**
 * What every baseline shares, and nothing else: serve's flags and defaults, the same calibrated
 * work, serve's ready line, and a plain echo. A baseline is the smallest honest server of one
 * model's design, for its model to be measured against (bench/targets.ts, targets 5 and 6).
 */
import type { AddressInfo, Server, Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../../src/cli/serve-options.js';
import { WorkMeter, type WorkSpec } from '../../src/shared/work.js';
import { workLine, workOfFlags } from '../../src/shared/work-of-flags.js';

export const HOST = '127.0.0.1';
/** Half-open allowed (a client's FIN must not end our side before its bytes are echoed), Nagle off: as the models. */
export const SERVER_OPTIONS = { allowHalfOpen: true, noDelay: true } as const;

export interface BaselineArgs {
  port: number;
  work: WorkSpec;
  threads: number;
  connsPerThread: number;
  maxQueue: number;
  maxChildren: number;
  maxWorkers: number;
  workers: number;
}

/** serve's flags (absent ones take serve's defaults); --log-level and --grace are accepted and ignored. */
export function baselineArgs(argv = process.argv.slice(2)): BaselineArgs {
  const names = ['port', 'work-us', 'work-bytes', 'work-rounds', 'threads', 'conns-per-thread', 'max-queue', 'max-children', 'max-workers', 'workers', 'log-level', 'grace'];
  const { values } = parseArgs({ args: argv, options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])) });
  const num = (name: string, fallback: number) => (values[name] === undefined ? fallback : Number(values[name]));
  const flags = { workUs: num('work-us', DEFAULTS.workUs), workBytes: num('work-bytes', DEFAULTS.workBytes), workRounds: num('work-rounds', DEFAULTS.workRounds) };
  const work = workOfFlags(flags);
  // On stderr, as serve logs it.
  const said = workLine(work, flags);
  if (said) process.stderr.write(`${said}\n`);
  return {
    port: num('port', 0),
    work,
    threads: num('threads', DEFAULTS.threads),
    connsPerThread: num('conns-per-thread', DEFAULTS.connsPerThread),
    maxQueue: num('max-queue', DEFAULTS.maxQueue),
    maxChildren: num('max-children', DEFAULTS.maxChildren),
    maxWorkers: num('max-workers', DEFAULTS.maxWorkers),
    workers: num('workers', DEFAULTS.workers),
  };
}

/**
 * serve's ready line, which the harness's startServer waits for, and its stats answer: the connections
 * made to wait, so that the warm-up waits for the rest (children and threads still starting) as it does
 * for the model. Exit with the harness.
 */
export function ready(model: string, port: number | Server, waiting: () => number = () => 0): void {
  const bound = typeof port === 'number' ? port : (port.address() as AddressInfo).port;
  process.stdout.write(`listening ${HOST}:${bound} model=baseline-${model} pid=${process.pid}\n`);
  process.on('message', () => process.send?.({ type: 'stats', stats: { waiting: waiting() } }));
  process.on('disconnect', () => process.exit(0));
}

/** Echo every byte, its work charged first on this thread; a full send buffer pauses reading. */
export function echo(socket: Socket, work: WorkSpec): void {
  const meter = new WorkMeter(work);
  // A socket received from another process or thread starts without these.
  socket.allowHalfOpen = true;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    meter.charge(chunk.length);
    if (!socket.write(chunk)) socket.pause();
  });
  socket.on('drain', () => socket.resume());
  socket.on('end', () => socket.end());
  socket.on('error', () => {}); // a reset ends this connection only; 'close' follows
  socket.resume(); // accepted paused (pauseOnConnect) or received paused
}
