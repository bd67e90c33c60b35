/** listen's error mapping: each bind failure becomes one line naming the cause, and its own exit code. */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/shared/exit-codes.js';
import { connectionLimit, MIN_CONNECTIONS, openFileLimit } from '../../src/shared/fd-limit.js';
import { createEchoServer, listen, listenError, ListenError } from '../../src/shared/listen.js';
import { createLogger } from '../../src/shared/log.js';

const quiet = createLogger('error', 'test', () => {});
const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function echoServer(): net.Server {
  const server = createEchoServer((socket) => socket.destroy());
  servers.push(server);
  return server;
}

describe('listenError', () => {
  it.each([
    ['EADDRINUSE', '127.0.0.1', 7007, 'cannot listen on 127.0.0.1:7007: address already in use', ExitCode.addressInUse],
    ['EACCES', '127.0.0.1', 80, 'cannot listen on 127.0.0.1:80: permission denied (ports below 1024 need privileges)', ExitCode.permissionDenied],
    ['EACCES', '127.0.0.1', 8080, 'cannot listen on 127.0.0.1:8080: permission denied', ExitCode.permissionDenied],
    ['EPERM', '127.0.0.1', 443, 'cannot listen on 127.0.0.1:443: permission denied (ports below 1024 need privileges)', ExitCode.permissionDenied],
    ['EACCES', '127.0.0.1', 0, 'cannot listen on 127.0.0.1:0: permission denied', ExitCode.permissionDenied],
    ['ENOTFOUND', 'no.such.host', 7007, "cannot listen on no.such.host:7007: bad host 'no.such.host' (ENOTFOUND)", ExitCode.badHost],
    ['EAI_AGAIN', 'flaky.dns', 7007, "cannot listen on flaky.dns:7007: bad host 'flaky.dns' (EAI_AGAIN)", ExitCode.badHost],
    ['EAI_NONAME', 'x', 1, "cannot listen on x:1: bad host 'x' (EAI_NONAME)", ExitCode.badHost],
    ['EAI_FAIL', 'x', 1, "cannot listen on x:1: bad host 'x' (EAI_FAIL)", ExitCode.badHost],
    ['EADDRNOTAVAIL', '192.0.2.1', 7007, "cannot listen on 192.0.2.1:7007: bad host '192.0.2.1' (EADDRNOTAVAIL)", ExitCode.badHost],
    ['EAFNOSUPPORT', '::1', 7007, "cannot listen on [::1]:7007: bad host '::1' (EAFNOSUPPORT)", ExitCode.badHost],
    ['EMFILE', '127.0.0.1', 7007, 'cannot listen on 127.0.0.1:7007: EMFILE', ExitCode.listenFailed],
    [undefined, '127.0.0.1', 7007, 'cannot listen on 127.0.0.1:7007: unknown error', ExitCode.listenFailed],
  ])('%s on %s:%d', (code, host, port, message, exitCode) => {
    const error = listenError(code, host, port);
    expect(error).toBeInstanceOf(ListenError);
    expect(error.name).toBe('ListenError');
    expect({ message: error.message, exitCode: error.exitCode, code: error.code }).toEqual({ message, exitCode, code });
    expect(error.message).not.toContain('\n');
  });

  it('gives every kind of failure its own exit code, none of them usage or success', () => {
    const codes = ['EADDRINUSE', 'EACCES', 'ENOTFOUND', 'EMFILE'].map((code) => listenError(code, 'h', 1).exitCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain(ExitCode.ok);
    expect(codes).not.toContain(ExitCode.usage);
  });
});

describe('listen', () => {
  it('rejects a port in use with the address-in-use error', async () => {
    const first = await listen(echoServer(), { host: '127.0.0.1', port: 0, backlog: 8 }, quiet);
    const second = listen(echoServer(), { host: '127.0.0.1', port: first.port, backlog: 8 }, quiet);
    await expect(second).rejects.toMatchObject({
      name: 'ListenError',
      code: 'EADDRINUSE',
      exitCode: ExitCode.addressInUse,
      message: `cannot listen on 127.0.0.1:${first.port}: address already in use`,
    });
  });

  it('rejects an address this machine does not have as a bad host', async () => {
    await expect(listen(echoServer(), { host: '192.0.2.1', port: 0, backlog: 8 }, quiet)).rejects.toMatchObject({
      code: 'EADDRNOTAVAIL',
      exitCode: ExitCode.badHost,
    });
  });

  it.skipIf(openFileLimit() === undefined)('holds connections below the open-file limit unless told not to (cluster workers)', async () => {
    const guarded = echoServer();
    await listen(guarded, { host: '127.0.0.1', port: 0, backlog: 8, reservedFds: 10 }, quiet);
    expect(guarded.maxConnections).toBe(Math.max(MIN_CONNECTIONS, connectionLimit(openFileLimit()!, 10)));

    const unguarded = echoServer();
    const defaultMax = unguarded.maxConnections;
    await listen(unguarded, { host: '127.0.0.1', port: 0, backlog: 8, fileLimitGuard: false }, quiet);
    expect(unguarded.maxConnections).toBe(defaultMax);
  });
});
