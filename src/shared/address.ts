/** Addresses as people write them ("127.0.0.1:7007", "[::1]:7007"), and whether a host is this machine's loopback. */
import { isIP } from 'node:net';

export function formatHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

export function hostPort(host: string, port: number): string {
  return `${formatHost(host)}:${port}`;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
