/** Host specs and the ssh command line: only validated values reach the remote command, quoted. */
import { describe, expect, it } from 'vitest';
import { parseHostList, parseHostSpec } from '../../src/harness/transport/host-spec.js';
import { remoteCommand, shellQuote, splitCommand, sshArgv } from '../../src/harness/transport/ssh-command.js';
import { parseRemoteOptions } from '../../src/harness/plan/remote-options.js';
import { UsageError } from '../../src/shared/exit-codes.js';
import { parseBenchArgs } from '../../src/harness/plan/bench-options.js';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';

describe('host specs', () => {
  it('reads [USER@]HOST[:DIR][*N]', () => {
    expect(parseHostSpec('--x', 'bench@box-2.lan:/opt/echolab*3', '/here')).toMatchObject({ user: 'bench', host: 'box-2.lan', dir: '/opt/echolab', count: 3, destination: 'bench@box-2.lan' });
    expect(parseHostSpec('--x', '10.0.0.7', '/here')).toMatchObject({ user: undefined, host: '10.0.0.7', dir: '/here', count: 1, destination: '10.0.0.7' });
    expect(parseHostSpec('--x', '[fd00::7]:/srv/e', '/here')).toMatchObject({ host: 'fd00::7', dir: '/srv/e' });
    expect(parseHostList('--x', 'a*2, b:/e', '/here').map((h) => [h.host, h.count, h.dir])).toEqual([['a', 2, '/here'], ['b', 1, '/e']]);
  });

  it.each([
    ['-oProxyCommand=x', 'no valid host'], // would be an ssh option
    ['host;rm', 'no valid host'],
    ['us er@host', 'user name'],
    ['host:relative/dir', 'plain absolute path'],
    ["host:/a'b", 'plain absolute path'],
    ['host:/a/../b', 'plain absolute path'],
    ['host:/a b', 'plain absolute path'],
    ['host*0', 'outside 1..64'],
    ['host*65', 'outside 1..64'],
    ['', 'not a host spec'],
  ])('refuses %j with one clear error', (raw, why) => {
    expect(() => parseHostSpec('--generator-hosts', raw, '/here')).toThrow(UsageError);
    expect(() => parseHostSpec('--generator-hosts', raw, '/here')).toThrow(why);
  });
});

describe('the ssh command line', () => {
  it('splits --ssh like a shell splits words, without running one', () => {
    expect(splitCommand('--ssh', `ssh -F 'my config' -o "IdentityFile=/k/a b" -i \\$HOME`)).toEqual(['ssh', '-F', 'my config', '-o', 'IdentityFile=/k/a b', '-i', '$HOME']);
    expect(splitCommand('--ssh', 'ssh; rm -rf /')).toEqual(['ssh;', 'rm', '-rf', '/']); // words, never a second command
    expect(() => splitCommand('--ssh', "ssh -F 'open")).toThrow('unclosed');
    expect(() => splitCommand('--ssh', '   ')).toThrow('names no command');
  });

  it('quotes every remote word, and asks for batch mode without touching host-key checking', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const spec = parseHostSpec('--x', 'u@h:/opt/e', '/here');
    const argv = sshArgv(['ssh', '-F', 'cfg'], spec, ['--role', 'generator']);
    expect(argv.slice(0, 5)).toEqual(['ssh', '-F', 'cfg', '-o', 'BatchMode=yes']);
    expect(argv.slice(-3, -1)).toEqual(['-T', 'u@h']);
    expect(argv.join(' ')).not.toMatch(/StrictHostKeyChecking|UserKnownHostsFile/);
    expect(remoteCommand(spec, ['--role', 'generator'])).toBe(
      `cd '/opt/e' 2>/dev/null && test -f bin/echolab.js || exit 97; PATH="$PWD/node_modules/.bin:$PATH" exec node bin/echolab.js 'agent' '--role' 'generator'`,
    );
  });
});

describe('bench --generators with --generator-hosts', () => {
  it('takes 0 local generators only when other hosts make the load', () => {
    expect(() => parseBenchArgs(['--generators', '0'], DEFAULT_SUITE)).toThrow(UsageError);
    const options = parseBenchArgs(['--generators', '0', '--generator-hosts', 'a*2,b'], DEFAULT_SUITE);
    expect(options !== 'help' && [options.generators, options.generatorHosts?.map((h) => h.count)]).toEqual([0, [2, 1]]);
  });
});

describe('bench --server-host', () => {
  it('keeps the refusal of non-loopback addresses unless --allow-remote', () => {
    expect(() => parseRemoteOptions({ 'server-host': '10.1.2.3' })).toThrow('--allow-remote');
    expect(parseRemoteOptions({ 'server-host': '10.1.2.3', 'allow-remote': true }).serverHost?.host).toBe('10.1.2.3');
    expect(parseRemoteOptions({ 'server-host': 'localhost' }).serverHost?.host).toBe('localhost');
  });

  it('excludes --target and a count', () => {
    expect(() => parseRemoteOptions({ 'server-host': 'localhost', target: '127.0.0.1:7' })).toThrow('exclude');
    expect(() => parseRemoteOptions({ 'server-host': 'localhost*2' })).toThrow('one server');
  });
});
