/**
 * The abandoned scenario, generator side. While the started load holds the server busy, clients
 * connect and leave at once: a FIN with nothing sent, or (departure bytes above 0) those bytes and
 * a half-close, after which each keeps reading, owed its echo. Later the load is released and one
 * new client is timed to its first echo; then the half-closed clients' echoes are counted, once the
 * server has closed them all or at the deadline. The server's CPU is read from /proc here, right
 * beside the events it brackets.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { errorKind } from './echo-connection.js';
import { firstEcho } from './first-echo.js';
import type { LoadGenerator } from './generator.js';
import { noErrors, type DepartReport, type DepartRequest, type ProbeReport } from './generator-protocol.js';
import { OwedEchoTracker } from './owed-echoes.js';
import { treeCpuSeconds } from '../proc/proc.js';

interface Departure {
  clients: number;
  /** Sent before leaving; 0: closed with nothing sent. */
  bytes: number;
  /** Follows the clients that sent bytes once they have half-closed. */
  owed: OwedEchoTracker;
}

/**
 * `clients` connections at once, each leaving as soon as it is up; settles when all have, or at the
 * deadline. One that sent bytes has left once it half-closed: from then on `owed` follows it.
 */
function depart(host: string, port: number, { clients, bytes, owed }: Departure, connectTimeoutMs: number, deadline: number): Promise<Omit<DepartReport, 'floodMs'>> {
  return new Promise((resolve) => {
    const result = { departed: 0, pending: clients, errors: noErrors() };
    const open = new Set<net.Socket>();
    const finish = () => {
      clearTimeout(timer);
      for (const socket of open) socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(finish, Math.max(0, deadline - performance.now()));
    const settle = (socket: net.Socket) => {
      if (!open.delete(socket)) return;
      // destroy() closes the descriptor with nothing sent or unread: the server sees a plain FIN.
      socket.destroy();
      if (--result.pending === 0) finish();
    };
    const halfClose = (socket: net.Socket) => {
      if (!open.delete(socket)) return;
      socket.setTimeout(0);
      socket.end(Buffer.alloc(bytes, 0x61));
      owed.follow(socket, bytes);
      if (--result.pending === 0) finish();
    };
    if (clients === 0) return finish();
    for (let i = 0; i < clients; i++) {
      const socket = net.connect({ host, port, allowHalfOpen: true });
      open.add(socket);
      socket.setTimeout(connectTimeoutMs, () => {
        result.errors.timeout++;
        settle(socket);
      });
      socket.once('connect', () => {
        result.departed++;
        if (bytes > 0) halfClose(socket);
        else settle(socket);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        result.errors[errorKind(error)]++;
        settle(socket);
      });
    }
  });
}

export class Abandonment {
  private start = 0;
  private cpuAtStart: number | undefined;
  private readonly owed = new OwedEchoTracker();

  constructor(
    private readonly load: LoadGenerator,
    private readonly request: DepartRequest,
  ) {}

  /** CPU seconds of the server's process tree so far (exited children included), or undefined if unknown. */
  private serverCpuSec(): number | undefined {
    return this.request.serverPid === undefined ? undefined : treeCpuSeconds(this.request.serverPid);
  }

  private get deadline(): number {
    return this.start + this.request.deadlineMs;
  }

  async depart(): Promise<DepartReport> {
    const { host, port, connectTimeoutMs } = this.load.spec;
    this.start = performance.now();
    this.cpuAtStart = this.serverCpuSec();
    const { clients, bytes } = this.request;
    const result = await depart(host, port, { clients, bytes, owed: this.owed }, connectTimeoutMs, this.deadline);
    return { ...result, floodMs: performance.now() - this.start };
  }

  /**
   * Close the busy connections, then (if `probe`) time one new client to its first echo; then count
   * the half-closed clients' echoes (after the probe, so that waiting for them costs the new client nothing).
   */
  async releaseAndProbe(probe: boolean): Promise<ProbeReport> {
    const report = await this.releaseAndTime(probe);
    const owedEchoes = this.request.bytes > 0 ? await this.owed.settled(this.deadline) : null;
    return { ...report, owedEchoes };
  }

  private async releaseAndTime(probe: boolean): Promise<Omit<ProbeReport, 'owedEchoes'>> {
    // Messages the held connections still wait for are the server's queue at work (sequential
    // serves one connection at a time), not failures: only the load's other errors count.
    const errors = { ...this.load.finish().errors, timeout: 0 };
    if (!probe) return { firstEchoMs: null, serverCpuSec: null, errors };
    const { host, port, messageSize } = this.load.spec;
    const echo = await firstEcho(host, port, messageSize, this.deadline - performance.now());
    const now = this.serverCpuSec();
    const serverCpu = now === undefined || this.cpuAtStart === undefined ? null : now - this.cpuAtStart;
    if ('ms' in echo) return { firstEchoMs: echo.ms, serverCpuSec: serverCpu, errors };
    errors[echo.error]++;
    const seconds = this.request.deadlineMs / 1000;
    const failure = echo.error === 'timeout' ? `no echo for the new client within the ${seconds} s deadline` : `the new client failed: ${echo.reason}`;
    return { firstEchoMs: null, serverCpuSec: serverCpu, errors, failure };
  }
}
