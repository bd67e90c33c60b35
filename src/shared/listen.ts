/** Listening, shared by every model: one server shape, and bind errors mapped to one line and an exit code. */
import net, { type AddressInfo, type Socket } from 'node:net';
import { ExitCode, FatalError, type ExitCodeValue } from './exit-codes.js';
import { connectionLimit, MIN_CONNECTIONS, openFileLimit } from './fd-limit.js';
import type { Logger } from './log.js';
import { formatHost } from './address.js';

export { formatHost };

export interface ListenOptions {
  host: string;
  port: number;
  backlog: number;
  /** Descriptors the model needs besides client sockets when at its cap (see fd-limit.ts). */
  reservedFds?: number;
  /** Several listeners share the port (SO_REUSEPORT, Linux): the kernel spreads connections over them. */
  reusePort?: boolean;
  /** The share of the process's connection limit this listener may use (listeners of one process split it). */
  fdShare?: number;
  /**
   * Hold connections below the open-file limit (the default). Off where another process accepts
   * and hands connections over (cluster's workers): there a refusing listener only bounces them.
   */
  fileLimitGuard?: boolean;
}

/**
 * An echo-ready TCP server: half-open allowed (a client's FIN must not end our side before every
 * byte is echoed), Nagle off. With `pauseOnConnect` a new socket is not read until a model says so.
 */
export function createEchoServer(onConnection: (socket: Socket) => void, pauseOnConnect = false): net.Server {
  return net.createServer({ allowHalfOpen: true, noDelay: true, pauseOnConnect }, onConnection);
}

/** Listen, resolving with the bound address or rejecting with a FatalError that names the cause. */
export function listen(
  server: net.Server,
  { host, port, backlog, reservedFds = 0, reusePort = false, fdShare = 1, fileLimitGuard = true }: ListenOptions,
  log: Logger,
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error.code, host, port));
    server.once('error', onError);
    server.listen({ host, port, backlog, exclusive: false, reusePort }, () => {
      server.off('error', onError);
      // After start-up, accept errors (EMFILE, ENFILE, ...) are passing: log them and keep serving.
      server.on('error', (error: NodeJS.ErrnoException) => log.warn(`accept failed: ${error.code ?? error.message}`));
      if (fileLimitGuard) guardFileDescriptors(server, reservedFds, fdShare, log);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Hold connections below the open-file limit: over it, Node closes new ones at once ('drop'),
 * which we log once a second with a count, rather than running out of descriptors.
 */
function guardFileDescriptors(server: net.Server, reservedFds: number, fdShare: number, log: Logger): void {
  const fileLimit = openFileLimit();
  if (fileLimit === undefined) return;
  const limit = Math.max(MIN_CONNECTIONS, Math.floor(connectionLimit(fileLimit, reservedFds) * fdShare));
  if (limit === MIN_CONNECTIONS) {
    log.warn(`open-file limit ${fileLimit} is too low for this model's cap (${reservedFds} descriptors reserved); raise ulimit -n or lower the cap`);
  }
  server.maxConnections = limit;
  let dropped = 0;
  server.on('drop', () => {
    if (dropped++ > 0) return;
    setTimeout(() => {
      log.warn(`dropped ${dropped} connection(s): ${limit} open is the most the open-file limit (${fileLimit}) allows`);
      dropped = 0;
    }, 1000).unref();
  });
}

/** A listen failure: the message and exit code a user should see, and the system's error code. */
export class ListenError extends FatalError {
  constructor(message: string, exitCode: ExitCodeValue, readonly code: string | undefined) {
    super(message, exitCode);
    this.name = 'ListenError';
  }
}

/** Map a listen error code to the one-line message and exit code a user should see. */
export function listenError(code: string | undefined, host: string, port: number): ListenError {
  const where = `${formatHost(host)}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new ListenError(`cannot listen on ${where}: address already in use`, ExitCode.addressInUse, code);
    case 'EACCES':
    case 'EPERM':
      return new ListenError(
        `cannot listen on ${where}: permission denied${port > 0 && port < 1024 ? ' (ports below 1024 need privileges)' : ''}`,
        ExitCode.permissionDenied,
        code,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return new ListenError(`cannot listen on ${where}: bad host '${host}' (${code})`, ExitCode.badHost, code);
    default:
      return new ListenError(`cannot listen on ${where}: ${code ?? 'unknown error'}`, ExitCode.listenFailed, code);
  }
}

/** The address of a port bound on `host` by listeners elsewhere (cluster's workers, reuseport's threads). */
export function boundAddress(host: string, port: number): AddressInfo {
  return { address: host, port, family: net.isIPv6(host) ? 'IPv6' : 'IPv4' };
}

