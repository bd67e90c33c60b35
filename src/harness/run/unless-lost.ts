/**
 * A server on another host that is lost mid-point (its ssh session cut, the host gone) ends the point
 * at once: the load is stopped and the point fails naming the host, instead of measuring a dead
 * address to the end of its windows. A server on this machine is judged after the point (serve-points.ts).
 */
import type { StartedServer } from '../server/started-server.js';

const LOST = Symbol('lost');

export async function unlessServerLost<T>(work: Promise<T>, server: StartedServer | undefined, stopLoad: () => void): Promise<T> {
  if (server?.where === undefined) return work;
  const first = await Promise.race([work, server.exited.then(() => LOST)]);
  if (first !== LOST) return first as T;
  stopLoad();
  await work.catch(() => {}); // ends quickly once its generators are gone; nothing of it may touch the next point
  throw new Error(`lost the server on ${server.where}: ${server.stderr().trim().split('\n').at(-1) ?? ''}`);
}
