/**
 * Host specs as --server-host and --generator-hosts take them: [USER@]HOST[:DIR][*N].
 * DIR is the echolab install on that host (default: the same path as this one, as on machines
 * provisioned alike); *N is how many generator processes to run there (default 1).
 * Only what passes these checks ever reaches a remote command line.
 */
import { namedList } from '../../shared/comma-list.js';
import { UsageError } from '../../shared/exit-codes.js';

export interface HostSpec {
  user: string | undefined;
  /** A host name, an IPv4 address or an IPv6 address (without brackets). */
  host: string;
  dir: string;
  /** Generator processes on this host. */
  count: number;
  /** As ssh takes it: user@host. */
  destination: string;
  /** For messages and rows: user@host, as the user wrote it. */
  label: string;
}

const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
// Never starting with '-': ssh would read it as an option.
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;
const DIR = /^\/[A-Za-z0-9._/+@-]*$/;
const SPEC = /^(?:([^@]+)@)?(\[[^\]]*\]|[^:*[\]]+)(?::([^*]*))?(?:\*(\d+))?$/;

export function parseHostSpec(flag: string, raw: string, defaultDir: string): HostSpec {
  const match = SPEC.exec(raw.trim());
  const bad = (why: string) => new UsageError(`${flag}: '${raw}' ${why} (expected [USER@]HOST[:DIR][*N])`);
  if (!match) throw bad('is not a host spec');
  const [, user, rawHost, dir, count] = match;
  if (user !== undefined && !USER.test(user)) throw bad(`has a user name that is not a plain login name`);
  const bracketed = rawHost!.startsWith('[');
  const host = bracketed ? rawHost!.slice(1, -1) : rawHost!;
  if (bracketed ? !IPV6.test(host) || !host.includes(':') : !HOST_NAME.test(host)) throw bad('has no valid host name or address');
  const path = dir === undefined || dir === '' ? defaultDir : dir;
  if (!DIR.test(path) || path.split('/').includes('..')) throw bad(`has a DIR that is not a plain absolute path (letters, digits, . _ / + @ -)`);
  const processes = count === undefined ? 1 : Number(count);
  if (!Number.isInteger(processes) || processes < 1 || processes > 64) throw bad('asks for a generator count outside 1..64');
  const destination = user === undefined ? host : `${user}@${host}`;
  return { user, host, dir: path, count: processes, destination, label: destination };
}

export function parseHostList(flag: string, raw: string, defaultDir: string): HostSpec[] {
  return namedList(flag, raw, 'host').map((one) => parseHostSpec(flag, one, defaultDir));
}
