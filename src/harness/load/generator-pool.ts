/**
 * The generator processes: started once per suite and spoken to through a Link: forked here and
 * pinned to the generator's CPUs, or (--generator-hosts) started on other hosts over ssh, each pinned
 * there by that host's own placement. The rest of the harness sees one pool either way.
 */
import type { FromGenerator, ToGenerator } from './generator-protocol.js';
import { compiledScript } from '../compiled.js';
import { generatorCpuOf, pinProcess } from '../plan/placement.js';
import type { Link } from '../transport/link.js';
import { ForkLink } from '../transport/fork-link.js';
import { SshLink } from '../transport/ssh-link.js';
import type { HostSpec } from '../transport/host-spec.js';

const GENERATOR_SCRIPT = compiledScript('src/harness/load/generator-process.js');

type GeneratorLink = Link<ToGenerator, FromGenerator>;

class GeneratorTimeout extends Error {
  override readonly name = 'GeneratorTimeout';
}

/** Generator processes on other hosts, and the ssh command that reaches them. */
export interface RemoteGenerators {
  hosts: readonly HostSpec[];
  ssh: readonly string[];
}

export class GeneratorPool {
  /** Where each process runs: 'local' or a host spec, in process order (fixed for the suite). */
  private readonly slots: (HostSpec | 'local')[];
  private processes: (GeneratorLink | undefined)[];
  private readonly inbox = new Map<GeneratorLink, FromGenerator[]>();
  private readonly waiters = new Map<GeneratorLink, () => void>();

  constructor(
    local: number,
    private readonly remote: RemoteGenerators = { hosts: [], ssh: ['ssh'] },
  ) {
    this.slots = [...Array.from({ length: local }, () => 'local' as const), ...remote.hosts.flatMap((spec) => Array.from({ length: spec.count }, () => spec))];
    this.processes = this.slots.map(() => undefined);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Where process `index` runs: 'local' or the host's label. */
  where(index: number): string {
    const slot = this.slots[index]!;
    return slot === 'local' ? 'local' : slot.label;
  }

  /** The generator processes' pids, where every one runs on this machine (another host's counters are not ours to read). */
  localPids(): number[] | undefined {
    if (this.slots.some((slot) => slot !== 'local')) return undefined;
    return this.processes.flatMap((link) => (link ? [link.pid] : []));
  }

  /** Make sure every process is live; the local ones pinned to `cpus`. */
  ensure(cpus: readonly number[] | null): void {
    this.processes = this.slots.map((slot, i) => {
      const existing = this.processes[i];
      if (existing?.alive) return existing;
      const link: GeneratorLink =
        slot === 'local' ? new ForkLink(GENERATOR_SCRIPT) : new SshLink(slot, this.remote.ssh, ['--role', 'generator']);
      this.inbox.set(link, []);
      link.onMessage((message) => {
        this.inbox.get(link)!.push(message);
        this.waiters.get(link)?.();
      });
      link.onExit(() => this.waiters.get(link)?.());
      return link;
    });
    // Each local process on its own core while there are enough (local slots come first).
    this.slots.forEach((slot, i) => slot === 'local' && pinProcess(this.processes[i]!.pid, generatorCpuOf(cpus, i)));
  }

  send(index: number, message: ToGenerator): void {
    this.processes[index]!.send(message);
  }

  /** The next message of `type` from every process (in process order), or GeneratorTimeout. */
  async collect<T extends FromGenerator['type']>(type: T, timeoutMs: number): Promise<Extract<FromGenerator, { type: T }>[]> {
    const deadline = Date.now() + timeoutMs;
    return Promise.all(this.processes.map((link) => this.next(link!, type, deadline)));
  }

  private async next<T extends FromGenerator['type']>(link: GeneratorLink, type: T, deadline: number): Promise<Extract<FromGenerator, { type: T }>> {
    const box = this.inbox.get(link)!;
    const name = link.where === 'local' ? `generator ${link.pid}` : `generator on ${link.where}`;
    for (;;) {
      const found = box.findIndex((m) => m.type === type || m.type === 'fatal');
      if (found >= 0) {
        const [message] = box.splice(found, 1);
        if (message!.type === 'fatal') throw new Error(`${name}: ${message!.message}`);
        return message as Extract<FromGenerator, { type: T }>;
      }
      if (!link.alive) throw new Error(link.where === 'local' ? `${name} exited` : `${name}: ${link.ended}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new GeneratorTimeout(`${name} did not report '${type}' in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.set(link, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters.delete(link);
    }
  }

  /** Kill every process (after a timeout, or at the end of the suite); a later ensure() starts fresh ones. */
  kill(): void {
    for (const link of this.processes) link?.kill();
    this.processes = this.slots.map(() => undefined);
  }
}
