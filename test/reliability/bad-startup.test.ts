/**
 * Bad start-up input: every flag is validated (range, type, which model it applies to), and
 * listen failures are told apart. Each gives one line on stderr, no stack trace, and the exit
 * code of its kind (src/shared/exit-codes.ts). Port in use: test/servers/port-in-use.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../src/shared/exit-codes.js';
import { isOneCleanLine, runNode, SERVE_SCRIPT } from '../helpers/cli.js';
import { MODEL_IDS } from '../helpers/servers.js';

const missingDir = join(mkdtempSync(join(tmpdir(), 'echolab-bad-')), 'no', 'such', 'dir');

const USAGE_CASES: Array<[string, string[]]> = [
  ['a port out of range', ['event-loop', '--port', '65536']],
  ['a negative port', ['event-loop', '--port', '-1']],
  ['a port that is not a number', ['event-loop', '--port', 'http']],
  ['a fractional port', ['event-loop', '--port', '80.5']],
  ['an empty port', ['event-loop', '--port', '']],
  ['a zero backlog', ['event-loop', '--backlog', '0']],
  ['negative work', ['event-loop', '--work-us', '-5']],
  ['work that is not a number', ['event-loop', '--work-us', 'lots']],
  ['a zero work block', ['event-loop', '--work-bytes', '0']],
  ['a negative idle timeout', ['event-loop', '--idle-timeout', '-1']],
  ['a grace that is not a number', ['event-loop', '--grace', 'soon']],
  ['an unknown log level', ['event-loop', '--log-level', 'loud']],
  ['an empty host', ['event-loop', '--host', '']],
  ['an empty crash token', ['event-loop', '--crash-token', '']],
  ['zero children', ['fork', '--max-children', '0']],
  ['too many children', ['fork', '--max-children', '5000']],
  ['zero worker threads', ['worker', '--max-workers', '0']],
  ['a negative thread cache', ['worker', '--thread-cache', '-1']],
  ['--thread-cache on fork', ['fork', '--thread-cache', '2']],
  ['zero pool threads', ['piscina', '--threads', '0']],
  ['a zero pool queue', ['piscina', '--max-queue', '0']],
  ['zero connections per pool thread', ['piscina', '--conns-per-thread', '0']],
  ['zero hsha threads', ['hsha', '--threads', '0']],
  ['zero reuseport threads', ['reuseport', '--threads', '0']],
  ['--conns-per-thread on hsha', ['hsha', '--conns-per-thread', '2']],
  ['zero cluster workers', ['cluster', '--workers', '0']],
  ['a model flag on another model', ['event-loop', '--threads', '2']],
  ['--max-children on worker', ['worker', '--max-children', '2']],
  ['--daemon without a pid file', ['event-loop', '--daemon', '--log-file', 'x.log']],
  ['a boolean flag given a value', ['event-loop', '--daemon=yes']],
  ['two models', ['event-loop', 'fork']],
  ['an unknown short flag', ['event-loop', '-p', '7007']],
];

describe('serve rejects bad flags with the usage code', () => {
  it.each(USAGE_CASES)('%s', async (_case, args) => {
    const result = await runNode(SERVE_SCRIPT, args);
    expect(result.code).toBe(ExitCode.usage);
    expect(isOneCleanLine(result.stderr, 'serve'), result.stderr).toBe(true);
  });
});

describe('serve names the files it cannot use', () => {
  it.each([
    ['pid file', ['--pid-file', join(missingDir, 'serve.pid')]],
    ['log file', ['--log-file', join(missingDir, 'serve.log')]],
  ])('an unwritable %s', async (_case, args) => {
    const result = await runNode(SERVE_SCRIPT, ['event-loop', '--port', '0', ...args]);
    expect(result.code).toBe(ExitCode.pidFile);
    expect(isOneCleanLine(result.stderr, 'serve'), result.stderr).toBe(true);
  });
});

describe.each(MODEL_IDS)('%s cannot listen', (model) => {
  it('on a host name that does not resolve', async () => {
    const result = await runNode(SERVE_SCRIPT, [model, '--port', '0', '--host', 'no-such-host.invalid']);
    expect(result.code).toBe(ExitCode.badHost);
    expect(isOneCleanLine(result.stderr, 'serve'), result.stderr).toBe(true);
    expect(result.stderr).toMatch(/bad host 'no-such-host\.invalid'/);
  });

  it('on an address this machine does not have', async () => {
    const result = await runNode(SERVE_SCRIPT, [model, '--port', '0', '--host', '192.0.2.1']);
    expect(result.code).toBe(ExitCode.badHost);
    expect(isOneCleanLine(result.stderr, 'serve'), result.stderr).toBe(true);
  });

  // Tests run as root, who may bind any port: drop to user nobody (setpriv) to see the refusal.
  it('on a privileged port as an unprivileged user', async () => {
    const result = await runNode(SERVE_SCRIPT, [model, '--port', '80'], { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] });
    expect(result.code).toBe(ExitCode.permissionDenied);
    expect(isOneCleanLine(result.stderr, 'serve'), result.stderr).toBe(true);
    expect(result.stderr).toMatch(/permission denied \(ports below 1024 need privileges\)/);
  });
});
