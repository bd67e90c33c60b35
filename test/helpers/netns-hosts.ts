/**
 * Three "hosts" on this machine for the ssh tests: network namespaces joined by veth pairs to a bridge
 * in the first one, private addresses 10.200.0.1-3/24 that exist only inside them, and OpenSSH's sshd
 * in the two remote ones with a host key and an authorized key made in a temporary folder.
 * Everything it makes is removed by remove(), which is safe to call after a partial set-up.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';

export interface NetnsHosts {
  /** Namespace names: the harness's host, the server's, the remote generator's. */
  local: string;
  server: string;
  generator: string;
  serverAddress: string;
  generatorAddress: string;
  /** An ssh_config (key, known hosts, user root) for --ssh 'ssh -F <this>'. */
  sshConfig: string;
  dir: string;
  remove(): void;
}

/** Why these tests cannot run here, or undefined when they can. */
export function whyNoNetns(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces are Linux-only';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  if (spawnSync('ip', ['netns', 'list'], { stdio: 'ignore' }).status !== 0) return "no 'ip netns' (install iproute2)";
  if (!existsSync(SSHD)) return `no ${SSHD} (scripts/system-deps.sh openssh installs OpenSSH)`;
  if (spawnSync('ssh', ['-V'], { stdio: 'ignore' }).status !== 0) return 'no ssh client (scripts/system-deps.sh openssh installs it)';
  const probe = `echolab-probe-${process.pid}`;
  if (spawnSync('ip', ['netns', 'add', probe], { stdio: 'ignore' }).status !== 0) return 'ip netns add failed (no CAP_SYS_ADMIN in this container?)';
  spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
  return undefined;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function createNetnsHosts(): NetnsHosts {
  const id = process.pid;
  const dir = mkdtempSync(join(tmpdir(), 'echolab-ssh-'));
  const local = `el-h-${id}`;
  const server = `el-s-${id}`;
  const generator = `el-g-${id}`;
  const namespaces: string[] = [];
  const sshds: ChildProcess[] = [];
  // sshd refuses to start without its privilege-separation directory, which the package's service makes.
  const madeRunSshd = !existsSync('/run/sshd');
  if (madeRunSshd) mkdirSync('/run/sshd', { mode: 0o755 });
  const remove = () => {
    for (const sshd of sshds) if (sshd.exitCode === null && sshd.signalCode === null) sshd.kill('SIGKILL');
    for (const ns of namespaces) {
      // Anything still inside (an sshd session, a stray process) goes with it.
      for (const pid of netnsPids(ns)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    }
    rmSync(dir, { recursive: true, force: true });
    if (madeRunSshd) rmSync('/run/sshd', { recursive: true, force: true });
  };
  try {
    for (const ns of [local, server, generator]) {
      ip('netns', 'add', ns);
      namespaces.push(ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('-n', local, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', local, 'addr', 'add', '10.200.0.1/24', 'dev', 'br0');
    ip('-n', local, 'link', 'set', 'br0', 'up');
    const hosts = [
      { ns: server, address: '10.200.0.2', port: 'to-s' },
      { ns: generator, address: '10.200.0.3', port: 'to-g' },
    ];
    for (const { ns, address, port } of hosts) {
      ip('-n', local, 'link', 'add', port, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('-n', local, 'link', 'set', port, 'master', 'br0', 'up');
      ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
    }

    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'echolab-test-host', '-f', join(dir, 'host_key')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'echolab-test-user', '-f', join(dir, 'id')]);
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id.pub')), { mode: 0o600 });
    const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(join(dir, 'known_hosts'), hosts.map((h) => `${h.address} ${hostKey}\n`).join(''));
    const sshConfig = join(dir, 'ssh_config');
    writeFileSync(
      sshConfig,
      [
        'Host 10.200.0.*',
        '  User root',
        `  IdentityFile ${join(dir, 'id')}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
        '  ConnectTimeout 10',
        '  LogLevel ERROR',
        '',
      ].join('\n'),
    );
    for (const { ns, address } of hosts) {
      const config = join(dir, `sshd_config-${address}`);
      writeFileSync(
        config,
        [
          'Port 22',
          `ListenAddress ${address}`,
          `HostKey ${join(dir, 'host_key')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'PidFile none',
          'UsePAM no',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PermitRootLogin prohibit-password',
          'StrictModes no',
          '',
        ].join('\n'),
      );
      // `ip netns exec` execs sshd: this child is sshd itself.
      sshds.push(spawn('ip', ['netns', 'exec', ns, SSHD, '-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] }));
    }
    // Until both answer (sshd takes a moment to listen).
    for (const { address } of hosts) waitForSsh(sshConfig, local, address);
    return { local, server, generator, serverAddress: '10.200.0.2', generatorAddress: '10.200.0.3', sshConfig, dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

function waitForSsh(sshConfig: string, from: string, address: string): void {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = spawnSync('ip', ['netns', 'exec', from, 'ssh', '-F', sshConfig, '-o', 'BatchMode=yes', address, 'true'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.status === 0) return;
    spawnSync('sleep', ['0.1']);
  }
  throw new Error(`sshd at ${address} never accepted the test key`);
}

/** Pids of the processes inside a namespace. */
export function netnsPids(ns: string): number[] {
  const out = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.split('\n').filter(Boolean).map(Number) : [];
}

/** Processes of echolab's (node running this install's code) inside a namespace: none should outlive a run. */
export function echolabPids(ns: string): { pid: number; command: string }[] {
  return netnsPids(ns)
    .map((pid) => ({ pid, command: commandLine(pid) }))
    .filter(({ command }) => /echolab|dist\/src\//.test(command) && !command.startsWith(SSHD) && !command.startsWith('sshd'));
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}
