/** The local transport: a Node script forked with an IPC channel. */
import { fork, type ChildProcess } from 'node:child_process';
import type { Link } from './link.js';

export class ForkLink<Out, In> implements Link<Out, In> {
  readonly where = 'local';
  private readonly child: ChildProcess;
  private exitReason: string | undefined;

  constructor(script: string, args: string[] = []) {
    this.child = fork(script, args, { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.once('exit', (code, signal) => (this.exitReason = `exited (${signal ?? `code ${code}`})`));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  get ended(): string | undefined {
    return this.alive ? undefined : (this.exitReason ?? 'disconnected');
  }

  send(message: Out): void {
    this.child.send(message as object);
  }

  onMessage(listener: (message: In) => void): void {
    this.child.on('message', (message) => listener(message as In));
  }

  onExit(listener: (why: string) => void): void {
    this.child.on('exit', () => listener(this.ended ?? 'exited'));
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
