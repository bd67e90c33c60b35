/**
 * One transport, two implementations: a process the harness talks to, either forked here with an IPC
 * channel (fork-link.ts) or started on another host through the system ssh client, speaking
 * newline-delimited JSON over its stdin/stdout (ssh-link.ts). The messages are the same either way,
 * so the harness cannot tell them apart.
 */
export interface Link<Out, In> {
  /** Where the process runs: 'local', or the host as the user named it (user@host). */
  readonly where: string;
  /** The local process: the forked child, or the ssh client (ending it ends the remote side too). */
  readonly pid: number;
  /** False once the process (or the ssh session) has ended. */
  readonly alive: boolean;
  /** Why it ended, in words (undefined while alive). */
  readonly ended: string | undefined;
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  onExit(listener: (why: string) => void): void;
  /** End it now (SIGKILL the child; for ssh, the client, whose session's end stops the remote side). */
  kill(): void;
}
