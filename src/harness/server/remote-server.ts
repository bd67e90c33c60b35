/**
 * A server under test on another host: `echolab agent --role server` over ssh starts the model there
 * (bound to every address, so the load reaches it directly, never through ssh), answers stats
 * requests, and samples the server's process tree from that host's /proc, so every server-cost
 * figure is filled as for a local server. It looks like a local ServerProcess to the suite.
 */
import type { ChildProcess } from 'node:child_process';
import type { ModelStats } from '../../models/model.js';
import { SshLink } from '../transport/ssh-link.js';
import type { HostSpec } from '../transport/host-spec.js';
import type { FromServerAgent, ToServerAgent } from '../transport/agent-protocol.js';
import { ServerStartError } from './server-process.js';
import { exitNoteOf, type StartedServer } from './started-server.js';
import type { ServerFigures } from './server-sampler.js';

/** A server on another host, stopped by closing its agent's input (the agent stops it and exits). */
export interface RemoteServerProcess extends StartedServer {
  readonly localPid: undefined;
  /** Where it runs (user@host). */
  readonly where: string;
}

type Reply = Exclude<FromServerAgent, { type: 'fatal' | 'exited' | 'ready' }>;

export async function startRemoteServer(model: string, args: string[], spec: HostSpec, ssh: readonly string[], readyTimeoutMs = 30_000): Promise<RemoteServerProcess> {
  const link = new SshLink<ToServerAgent, FromServerAgent>(spec, ssh, ['--role', 'server']);
  const child: ChildProcess = link.process;
  let lastWords = '';
  const waiting = new Map<Reply['type'], ((reply: Reply | undefined) => void)[]>();
  let onReady: ((message: Extract<FromServerAgent, { type: 'ready' }>) => void) | undefined;
  let onFatal: ((message: string) => void) | undefined;
  link.onMessage((message) => {
    if (message.type === 'ready') onReady?.(message);
    else if (message.type === 'fatal') onFatal?.(message.message);
    else if (message.type === 'exited') lastWords = `server on ${spec.label} exited (${message.signal ?? `code ${message.code}`}): ${message.log.trim().split('\n').at(-1) ?? ''}`;
    else waiting.get(message.type)?.shift()?.(message);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    link.onExit(() => {
      for (const queue of waiting.values()) for (const answer of queue.splice(0)) answer(undefined);
      resolve({ code: child.exitCode, signal: child.signalCode });
    }),
  );
  /** Ask, and wait for the answer of that type (undefined if the session ends or time runs out). */
  const ask = <T extends Reply['type']>(message: ToServerAgent, type: T, timeoutMs: number) =>
    new Promise<Extract<Reply, { type: T }> | undefined>((resolve) => {
      if (!link.alive) return resolve(undefined);
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const queue = waiting.get(type) ?? [];
      waiting.set(type, queue);
      queue.push((reply) => {
        clearTimeout(timer);
        resolve(reply as Extract<Reply, { type: T }> | undefined);
      });
      link.send(message);
    });

  link.send({ type: 'serve', model, args });
  const ready = await new Promise<Extract<FromServerAgent, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ServerStartError(`${model} on ${spec.label}: not listening within ${readyTimeoutMs} ms`, null, link.stderr())), readyTimeoutMs);
    onReady = (message) => (clearTimeout(timer), resolve(message));
    onFatal = (message) => (clearTimeout(timer), reject(new ServerStartError(`${model} on ${spec.label}: ${message}`, null, link.stderr())));
    void exited.then(() => (clearTimeout(timer), reject(new ServerStartError(`${model} on ${spec.label}: ${link.ended}`, child.exitCode, link.stderr()))));
  }).catch(async (error: unknown) => {
    link.kill();
    await exited;
    throw error;
  });
  onFatal = (message) => (lastWords = `agent on ${spec.label}: ${message}`);
  const stderr = () => `${link.stderr()}\n${lastWords || (link.alive ? '' : (link.ended ?? ''))}`;

  return {
    pid: link.pid,
    host: spec.host,
    port: ready.port,
    localPid: undefined,
    where: spec.label,
    exited,
    // The last line says why it ended: the server's own exit, or the lost session, naming the host.
    stderr,
    exitNote: () => exitNoteOf({ code: child.exitCode, signal: child.signalCode }, stderr()),
    async stats(timeoutMs = 2_000) {
      const reply = await ask({ type: 'stats' }, 'stats', timeoutMs);
      if (!reply) throw new Error(`server on ${spec.label} did not answer a stats request`);
      return reply.stats as ModelStats;
    },
    sampler: () => ({
      start: () => link.send({ type: 'sample', action: 'start' }),
      windowEnded: () => link.send({ type: 'sample', action: 'window' }),
      stop: async (): Promise<ServerFigures | undefined> => (await ask({ type: 'sample', action: 'stop' }, 'samples', 10_000))?.server,
    }),
    async stop(timeoutMs = 10_000) {
      // Closing its input is the agent's signal to stop the server (within a second) and exit.
      link.process.stdin?.end();
      const timer = setTimeout(() => link.kill(), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
