/** A server the harness started, on this machine or on another host: what the suite's life cycle and a point need of it. */
import type { ModelStats } from '../../models/model.js';
import type { ServerSampler } from './server-sampler.js';

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null };

export interface StartedServer {
  /** This machine's process to kill on an abort: the server itself, or the ssh session to it. */
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  /** The pid whose process tree this machine's /proc shows (anatomy, memory); undefined for a server on another host. */
  readonly localPid: number | undefined;
  /** Where it runs: undefined on this machine; user@host on another, whose loss ends a point at once (unless-lost.ts). */
  readonly where: string | undefined;
  /** The model's own stats (live connections, waiting connections, children, threads). */
  stats(timeoutMs?: number): Promise<ModelStats>;
  /** What samples its process tree during a point (`everyMs`: how often, where the sampler reads here). */
  sampler(everyMs?: number): ServerSampler;
  /** Everything the server wrote on stderr so far (its log). */
  stderr(): string;
  /** Why it is gone, once it has exited (its exit and the last line it wrote); undefined while it runs. */
  exitNote(): string | undefined;
  /** Settles with the exit code (or signal) when the server process ends. */
  readonly exited: Promise<ServerExit>;
  /** Stop it, wait up to `timeoutMs`, then kill it. Resolves when it has exited. */
  stop(timeoutMs?: number): Promise<ServerExit>;
}

/** "server exited (SIGKILL): <its last line>", from the local process that ended and the log it left. */
export function exitNoteOf(exit: ServerExit | { code: null; signal: null }, log: string): string | undefined {
  if (exit.code === null && exit.signal === null) return undefined;
  return `server exited (${exit.signal ?? `code ${exit.code}`}): ${log.trim().split('\n').at(-1) ?? ''}`;
}
