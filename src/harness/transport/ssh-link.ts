/**
 * The ssh transport: `echolab agent` started on another host by the system ssh client, spoken to in
 * newline-delimited JSON over the client's stdin/stdout. The session is the lifeline: when this side
 * ends it (kill(), or the harness dies and the pipe closes), the agent sees its input close and stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Link } from './link.js';
import type { HostSpec } from './host-spec.js';
import { NO_INSTALL_EXIT, sshArgv } from './ssh-command.js';
import { ECHOLAB_VERSION } from './version.js';

/** The agent's first line: who it is. */
export interface Hello {
  type: 'hello';
  version: string;
}

/**
 * A line the harness sends every PING_MS over each session: an agent that hears nothing for
 * SILENCE_MS takes the connection for lost (a network that silently drops packets closes no pipe).
 */
const PING_MS = 1000;
export const SILENCE_MS = 5000;
const PING = { type: 'ping' } as const;

export class SshLink<Out, In> implements Link<Out, In> {
  readonly where: string;
  private readonly child: ChildProcess;
  private readonly listeners: ((message: In) => void)[] = [];
  private log = '';
  private exitReason: string | undefined;

  constructor(
    readonly spec: HostSpec,
    ssh: readonly string[],
    agentArgs: readonly string[],
  ) {
    this.where = spec.label;
    const [command, ...args] = sshArgv(ssh, spec, agentArgs);
    this.child = spawn(command!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('error', (error) => (this.exitReason ??= `cannot run ${command}: ${error.message}`));
    this.child.stdin!.on('error', () => {}); // a session that ended is reported by 'exit'
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.log = (this.log + text).slice(-4000)));
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.receive(line));
    this.child.once('exit', (code, signal) => (this.exitReason ??= this.explain(code, signal)));
    const ping = setInterval(() => this.send(PING as Out), PING_MS).unref();
    this.child.once('exit', () => clearInterval(ping));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The ssh client process itself (its stdin's end is the agent's signal to stop). */
  get process(): ChildProcess {
    return this.child;
  }

  get alive(): boolean {
    return this.exitReason === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get ended(): string | undefined {
    return this.alive ? undefined : (this.exitReason ?? `ssh session to ${this.where} ended`);
  }

  /** Everything the agent and ssh wrote on stderr lately. */
  stderr(): string {
    return this.log;
  }

  send(message: Out): void {
    // Once our side has closed its input (a stop), the session only winds down: nothing more is said.
    if (this.alive && !this.child.stdin!.writableEnded) this.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  onMessage(listener: (message: In) => void): void {
    this.listeners.push(listener);
  }

  onExit(listener: (why: string) => void): void {
    this.child.on('exit', () => listener(this.ended!));
    this.child.on('error', () => listener(this.ended!));
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private receive(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.log += `${line}\n`; // not ours (a login banner, a build's output): kept with the log
      return;
    }
    if ((message as Hello)?.type === 'hello') {
      const { version } = message as Hello;
      if (version !== ECHOLAB_VERSION) {
        this.exitReason = versionMismatch(this.spec, version);
        this.kill();
      }
      return;
    }
    for (const listener of this.listeners) listener(message as In);
  }

  private explain(code: number | null, signal: NodeJS.Signals | null): string {
    const last = this.log.trim().split('\n').at(-1) ?? '';
    if (code === NO_INSTALL_EXIT) return noInstall(this.spec);
    if (code === 255) return `ssh to ${this.where} failed: ${last || 'no reason given'}`;
    if (signal) return `ssh session to ${this.where} ended (${signal})`;
    return `the echolab agent on ${this.where} exited (code ${code})${last ? `: ${last}` : ''}`;
  }
}

export function noInstall(spec: HostSpec): string {
  return `${spec.label}: no echolab install in ${spec.dir} (bin/echolab.js not found there)`;
}

export function versionMismatch(spec: HostSpec, version: string): string {
  return `${spec.label}: echolab ${version} in ${spec.dir}, but this is echolab ${ECHOLAB_VERSION}; install the same version there`;
}
