/** The generator processes: started once per suite, each pinned to one of the generator's CPUs, spoken to over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { compiledScript } from '../compiled.js';
import type { FromGenerator, ToGenerator } from './load-spec.js';
import { generatorCpuOf, pinProcess } from '../plan/placement.js';

const GENERATOR_SCRIPT = compiledScript('src/harness/load/generator-process.js');

export class GeneratorTimeout extends Error {
  override readonly name = 'GeneratorTimeout';
}

export class GeneratorPool {
  private processes: ChildProcess[] = [];
  private readonly inbox = new Map<ChildProcess, FromGenerator[]>();
  private readonly waiters = new Map<ChildProcess, () => void>();

  constructor(readonly size: number) {}

  /** Make sure `size` live processes exist, each pinned to one of `cpus` (its own core while there are enough). */
  ensure(cpus: readonly number[] | null): void {
    this.processes = this.processes.filter((p) => p.exitCode === null && p.signalCode === null && p.connected);
    while (this.processes.length < this.size) {
      const child = fork(GENERATOR_SCRIPT, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      this.inbox.set(child, []);
      child.on('message', (message: FromGenerator) => {
        this.inbox.get(child)!.push(message);
        this.waiters.get(child)?.();
      });
      child.on('exit', () => this.waiters.get(child)?.());
      this.processes.push(child);
    }
    this.processes.forEach((child, i) => pinProcess(child.pid!, generatorCpuOf(cpus, i)));
  }

  send(index: number, message: ToGenerator): void {
    this.processes[index]!.send(message);
  }

  /** The next message of `type` from every process (in process order), or GeneratorTimeout. */
  async collect<T extends FromGenerator['type']>(type: T, timeoutMs: number): Promise<Extract<FromGenerator, { type: T }>[]> {
    const deadline = Date.now() + timeoutMs;
    return Promise.all(this.processes.map((child) => this.next(child, type, deadline)));
  }

  private async next<T extends FromGenerator['type']>(child: ChildProcess, type: T, deadline: number): Promise<Extract<FromGenerator, { type: T }>> {
    const box = this.inbox.get(child)!;
    for (;;) {
      const found = box.findIndex((m) => m.type === type || m.type === 'fatal');
      if (found >= 0) {
        const [message] = box.splice(found, 1);
        if (message!.type === 'fatal') throw new Error(`generator ${child.pid}: ${message!.message}`);
        return message as Extract<FromGenerator, { type: T }>;
      }
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`generator ${child.pid} exited`);
      const left = deadline - Date.now();
      if (left <= 0) throw new GeneratorTimeout(`generator ${child.pid} did not report '${type}' in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.set(child, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters.delete(child);
    }
  }

  /** Kill every process (after a timeout, or at the end of the suite); a later ensure() starts fresh ones. */
  kill(): void {
    for (const child of this.processes) child.kill('SIGKILL');
    this.processes = [];
  }
}
