/**
 * Start a model through the serve CLI as its own process, wait for its ready line, and stop it.
 * Used by the harness and the tests alike, so both exercise exactly what users run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { compiledScript } from '../compiled.js';
import { processTree } from '../proc/proc.js';
import type { ControlReply, ControlRequest } from '../../models/control-channel.js';
import type { ModelStats } from '../../models/model.js';
import { TreeSampler } from './sampler.js';
import { exitNoteOf, type StartedServer } from './started-server.js';

/** The compiled serve entry point. */
export const SERVE_SCRIPT = compiledScript('src/cli/serve.js');

/** A server on this machine; stop() is SIGTERM, then SIGKILL of the whole tree after `timeoutMs`. */
export interface ServerProcess extends StartedServer {
  readonly child: ChildProcess;
  readonly localPid: number;
  readonly where: undefined;
}

export interface StartOptions {
  /** Extra serve flags after the model, e.g. ['--work-us', '10']. */
  args?: string[];
  /** Prefix command, e.g. ['taskset', '-c', '0'] to pin the server. */
  prefix?: string[];
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Run this compiled script instead of `serve <model>` (bench/baselines): it takes serve's flags and prints serve's ready line. */
  script?: string;
}

const READY = /^listening (\S+):(\d+) model=(\S+) pid=(\d+)$/;

export class ServerStartError extends Error {
  constructor(message: string, readonly exitCode: number | null, readonly stderr: string) {
    super(message);
    this.name = 'ServerStartError';
  }
}

export async function startServer(model: string, options: StartOptions = {}): Promise<ServerProcess> {
  const args = [...(options.script ? [options.script] : [SERVE_SCRIPT, model]), '--port', '0', ...(options.args ?? [])];
  const [command, ...commandArgs] = options.prefix?.length ? [...options.prefix, process.execPath, ...args] : [process.execPath, ...args];
  // The IPC channel lets us ask for the model's stats, and makes the server stop if we die.
  const child = spawn(command!, commandArgs, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: options.env ?? process.env });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (log += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = createInterface({ input: child.stdout! });
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;

  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ServerStartError(`${model}: no ready line within ${readyTimeoutMs} ms`, null, log)), readyTimeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = READY.exec(line);
      if (match) resolve(match);
      else reject(new ServerStartError(`${model}: unexpected first line: ${line}`, null, log));
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new ServerStartError(`${model}: exited with code ${code} before listening: ${log.trim().split('\n').at(-1) ?? ''}`, code, log));
    });
  }).catch(async (error: unknown) => {
    killTree(child.pid!);
    await exited;
    throw error;
  });
  lines.on('line', () => {}); // keep reading stdout, so the server never blocks on a full pipe

  const pid = Number(ready[4]);
  return {
    child,
    pid,
    host: ready[1]!.replace(/^\[|\]$/g, ''),
    port: Number(ready[2]),
    localPid: pid,
    where: undefined,
    stderr: () => log,
    exitNote: () => exitNoteOf({ code: child.exitCode, signal: child.signalCode }, log),
    sampler: (everyMs) => new TreeSampler(pid, everyMs),
    exited,
    stats: (timeoutMs = 2_000) => requestStats(child, timeoutMs),
    async stop(timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        // With a taskset prefix the ready line's pid is the server (taskset execs), same as child.pid.
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => killTree(pid), timeoutMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

function requestStats(child: ChildProcess, timeoutMs: number): Promise<ModelStats> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ControlReply) => {
      if (message?.type !== 'stats') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.stats);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('server did not answer a stats request'));
    }, timeoutMs);
    child.on('message', onMessage);
    child.send({ type: 'stats' } satisfies ControlRequest, (error) => error && reject(error));
  });
}

/** SIGKILL a process and all its descendants (children first found, then the root). */
export function killTree(root: number): void {
  for (const pid of processTree(root).reverse()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
