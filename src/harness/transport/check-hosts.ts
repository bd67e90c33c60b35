/**
 * Before a remote run: every host answers over ssh from an echolab install of this very version,
 * or the run stops with one error naming the host (no install, another version, ssh refused).
 */
import { execFile } from 'node:child_process';
import { FatalError } from '../../shared/exit-codes.js';
import { BenchExit } from '../../shared/exit-codes.js';
import type { HostSpec } from './host-spec.js';
import { NO_INSTALL_EXIT, sshArgv } from './ssh-command.js';
import { ECHOLAB_VERSION } from './version.js';
import { noInstall, versionMismatch } from './ssh-link.js';

const CHECK_TIMEOUT_MS = 30_000;

/** Why this host cannot be used, or undefined when it can. */
function checkHost(spec: HostSpec, ssh: readonly string[]): Promise<string | undefined> {
  const [command, ...args] = sshArgv(ssh, spec, ['--role', 'hello']);
  return new Promise((resolve) => {
    execFile(command!, args, { timeout: CHECK_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const hello = stdout
        .split('\n')
        .map((line) => {
          try {
            return JSON.parse(line) as { type?: string; version?: string };
          } catch {
            return undefined;
          }
        })
        .find((m) => m?.type === 'hello');
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      const last = stderr.trim().split('\n').at(-1) ?? '';
      if (code === NO_INSTALL_EXIT) return resolve(noInstall(spec));
      if (hello?.version !== undefined && hello.version !== ECHOLAB_VERSION) return resolve(versionMismatch(spec, hello.version));
      if (hello && code === 0) return resolve(undefined);
      if (error?.killed) return resolve(`${spec.label}: no answer over ssh within ${CHECK_TIMEOUT_MS / 1000} s`);
      if (code === 255) return resolve(`${spec.label}: ssh failed: ${last || 'no reason given'}`);
      if (typeof error?.code === 'string') return resolve(`${spec.label}: cannot run ${command}: ${error.message}`);
      resolve(`${spec.label}: echolab agent did not answer (exit ${code ?? error?.signal}): ${last || 'no message'}`);
    });
  });
}

/** Check every host at once; throw one error naming the first that cannot be used. */
export async function checkHosts(specs: readonly HostSpec[], ssh: readonly string[]): Promise<void> {
  const unique = [...new Map(specs.map((s) => [`${s.destination}:${s.dir}`, s])).values()];
  const problems = (await Promise.all(unique.map((spec) => checkHost(spec, ssh)))).filter((p) => p !== undefined);
  if (problems.length > 0) throw new FatalError(problems.join('; '), BenchExit.remoteHost);
}
