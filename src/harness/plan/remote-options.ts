/** bench's flags for other hosts: --server-host, --generator-hosts and --ssh, checked together. */
import { isLoopback } from '../../shared/address.js';
import { UsageError } from '../../shared/exit-codes.js';
import { parseHostList, parseHostSpec, type HostSpec } from '../transport/host-spec.js';
import { splitCommand } from '../transport/ssh-command.js';
import { INSTALL_DIR } from '../transport/version.js';

export interface RemoteOptions {
  /** --server-host: our model runs there, and the load goes to HOST directly. */
  serverHost?: HostSpec;
  /** --generator-hosts: generator processes there too. */
  generatorHosts?: HostSpec[];
  /** --ssh: the ssh command and its options, as argv. */
  ssh: string[];
}

export const REMOTE_USAGE = `  --server-host [USER@]HOST[:DIR]
                                run the server under test on HOST (over ssh, from the echolab install in DIR,
                                default this install's path); the load goes to HOST directly (needs --allow-remote
                                unless HOST is a loopback address)
  --generator-hosts H[*N],...   also run N (default 1) generator processes on each host [USER@]HOST[:DIR]
  --ssh CMD                     ssh command and options for every host (default ssh), e.g. 'ssh -F bench/ssh_config'`;

export interface RemoteFlags {
  'server-host'?: string;
  'generator-hosts'?: string;
  ssh?: string;
  target?: string;
  'allow-remote'?: boolean;
}

export function parseRemoteOptions(values: RemoteFlags): RemoteOptions {
  const ssh = values.ssh === undefined ? ['ssh'] : splitCommand('--ssh', values.ssh);
  const options: RemoteOptions = { ssh };
  if (values['server-host'] !== undefined) {
    if (values.target !== undefined) throw new UsageError('--server-host and --target exclude each other: --target is a server we did not start');
    const spec = parseHostSpec('--server-host', values['server-host'], INSTALL_DIR);
    if (spec.count !== 1) throw new UsageError('--server-host runs one server: *N is for --generator-hosts');
    if (!values['allow-remote'] && !isLoopback(spec.host)) {
      throw new UsageError(`--server-host ${spec.host} is not a loopback address: load tests stay on this machine unless you pass --allow-remote`);
    }
    options.serverHost = spec;
  }
  if (values['generator-hosts'] !== undefined) options.generatorHosts = parseHostList('--generator-hosts', values['generator-hosts'], INSTALL_DIR);
  return options;
}
