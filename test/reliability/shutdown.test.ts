/**
 * Shutdown. SIGTERM stops accepting, lets a live connection finish (here: it keeps sending after
 * the signal and gets every byte back), then exits 0. SIGKILL of the server leaves no child
 * process (fork child, cluster worker) alive a second later: children exit when their IPC
 * channel to the dead parent closes. Threads die with their process.
 */
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { EchoClient, randomPayload } from '../helpers/client.js';
import { eventually, within } from '../helpers/poll.js';
import { descendants, stillAlive } from '../helpers/server-state.js';
import { MODEL_IDS, serverPool } from '../helpers/servers.js';
import { recordMeasurement } from '../helpers/measurements.js';

/** A new connection attempt: refused (or closed unserved) once the server has stopped accepting. */
async function isRefused(port: number): Promise<boolean> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('error', () => {});
  const refused = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(false));
    socket.once('close', () => resolve(true));
  });
  socket.destroy();
  return refused;
}

describe.each(MODEL_IDS)('%s shutting down', (model) => {
  const pool = serverPool();

  it('SIGTERM drains a live connection, refuses new ones, and exits 0', async () => {
    const server = await pool.start(model, { args: ['--grace', '20'] });
    try {
      const payload = randomPayload(4 << 20);
      const half = payload.length / 2;
      const client = await EchoClient.connect(server.port);
      await client.send(payload.subarray(0, half));
      await client.waitFor(half);

      process.kill(server.pid, 'SIGTERM');
      await eventually('new connections refused', () => isRefused(server.port), 5_000);
      // The live client is not cut off: it sends the rest, half-closes, and gets it all.
      client.socket.end(payload.subarray(half));
      await within('the rest of the echo', client.ended, 30_000);
      expect(client.received().equals(payload)).toBe(true);
      expect(await within('exit once its connection closed', server.exited, 15_000)).toEqual({ code: 0, signal: null });
    } finally {
      await pool.cleanup();
    }
  });

  it('SIGKILL leaves no child process alive after a second', async () => {
    const server = await pool.start(model);
    try {
      const client = await EchoClient.connect(server.port);
      await client.send('busy');
      await client.waitFor(4);
      const children = descendants(server.pid);
      if (model === 'fork' || model === 'cluster') expect(children.length).toBeGreaterThan(0);

      process.kill(server.pid, 'SIGKILL');
      await server.exited;
      const killedAt = Date.now();
      // Poll until every child is gone or a second has passed; then count who is still alive.
      await eventually('no orphan left, or a second gone', () => stillAlive(children).length === 0 || Date.now() - killedAt >= 1_000, 2_000, 20);
      const alive = stillAlive(children).length;
      client.destroy();
      recordMeasurement('sigkill', { model, 'children-before': children.length, 'alive-after-1s': alive });
      expect(alive, 'children alive a second after the server was killed').toBe(0);
    } finally {
      await pool.cleanup();
    }
  });
});
