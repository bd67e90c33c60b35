/**
 * The ssh command line: --ssh CMD split into argv the way a POSIX shell splits words (quotes and
 * backslashes, nothing else: no variables, no globbing, no shell is ever run here), and the remote
 * command, every value in it validated by the caller and single-quoted here.
 */
import { UsageError } from '../../shared/exit-codes.js';
import type { HostSpec } from './host-spec.js';

/** `ssh -F 'my config'` → ['ssh', '-F', 'my config']. */
export function splitCommand(flag: string, raw: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < raw.length && '"\\$`'.includes(raw[i + 1]!)) word += raw[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\') {
      if (i + 1 === raw.length) throw new UsageError(`${flag} ends with a lone backslash`);
      word = (word ?? '') + raw[++i];
    } else word = (word ?? '') + c;
  }
  if (quote) throw new UsageError(`${flag} has an unclosed ${quote} quote`);
  if (word !== undefined) words.push(word);
  if (words.length === 0) throw new UsageError(`${flag} names no command`);
  return words;
}

/** One word for a POSIX shell on the far side, whatever it holds. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Exit code of the remote command when DIR holds no echolab install. */
export const NO_INSTALL_EXIT = 97;

/**
 * The remote command: into DIR (or exit 97), with the install's own Node first on PATH, run
 * `echolab agent` with these (validated) arguments.
 */
export function remoteCommand(spec: HostSpec, agentArgs: readonly string[]): string {
  const dir = shellQuote(spec.dir);
  const args = ['agent', ...agentArgs].map(shellQuote).join(' ');
  return `cd ${dir} 2>/dev/null && test -f bin/echolab.js || exit ${NO_INSTALL_EXIT}; PATH="$PWD/node_modules/.bin:$PATH" exec node bin/echolab.js ${args}`;
}

/**
 * argv for the ssh client: the user's command and options, then batch mode (a key or agent, never a
 * password prompt), keepalives so a host that silently vanishes ends its session in about 6 s rather
 * than at TCP's timeout (ssh takes the first value given, so the user's own -o in --ssh still wins),
 * no terminal, the destination (validated: never starting with '-'), and the remote command.
 * Host-key checking is left as the user's configuration has it.
 */
export function sshArgv(ssh: readonly string[], spec: HostSpec, agentArgs: readonly string[]): string[] {
  return [...ssh, '-o', 'BatchMode=yes', '-o', 'ServerAliveInterval=2', '-o', 'ServerAliveCountMax=3', '-T', spec.destination, remoteCommand(spec, agentArgs)];
}
