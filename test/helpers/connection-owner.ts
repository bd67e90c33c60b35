/**
 * Which process serves a given client connection: find the server-side socket of the connection
 * in /proc/net/tcp (by its two ports), then the process among `pids` holding that socket's inode.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function socketInode(serverPort: number, clientPort: number): string | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [local, remote, inode] = [fields[1], fields[2], fields[9]];
    if (local?.endsWith(`:${hex(serverPort)}`) && remote?.endsWith(`:${hex(clientPort)}`)) return inode;
  }
  return undefined;
}

export function connectionOwner(serverPort: number, clientPort: number, pids: readonly number[]): number | undefined {
  const inode = socketInode(serverPort, clientPort);
  if (inode === undefined) return undefined;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}
