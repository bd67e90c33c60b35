/**
 * What every baseline shares, and nothing else: serve's flags and defaults, the same calibrated
 * work, serve's ready line, and a plain echo. A baseline is the smallest honest server of one
 * model's design, for its model to be measured against (bench/targets.ts, targets 5 and 6).
 */
import type { AddressInfo, Server, Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../../src/cli/serve-options.js';
import { calibrate, WorkMeter, type WorkSpec } from '../../src/shared/work.js';

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
  const names = ['port', 'work-us', 'work-bytes', 'threads', 'conns-per-thread', 'max-queue', 'max-children', 'max-workers', 'workers', 'log-level', 'grace'];
  const { values } = parseArgs({ args: argv, options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])) });
  const num = (name: string, fallback: number) => (values[name] === undefined ? fallback : Number(values[name]));
  const workUs = num('work-us', DEFAULTS.workUs);
  // Calibrated once here and handed to every child and thread, as serve does; said on stderr as serve logs it.
  const work: WorkSpec = { usPerBlock: workUs, blockBytes: num('work-bytes', DEFAULTS.workBytes), ...(workUs > 0 ? calibrate() : { iterationsPerUs: 0, overheadUs: 0 }) };
  if (workUs > 0) process.stderr.write(`work: ${workUs} µs per ${work.blockBytes} B (calibrated: ${work.iterationsPerUs.toFixed(2)} hash rounds/µs + ${work.overheadUs.toFixed(1)} µs per call)\n`);
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
