/**
 * A child process or thread that dies takes only its own connection with it. The trigger is the
 * test-only --crash-token (fork child, worker thread, piscina or hsha pool thread, reuseport
 * thread) or SIGKILL of a cluster worker. Another client, mid-stream at that moment, still gets
 * every byte back. piscina runs two one-connection threads, so victim and bystander have one each;
 * hsha runs with one thread, so the bystander's chunks are queued behind the crashing task and must
 * survive it. Pool threads and cluster workers are replaced; nothing is left behind.
 */
import { describe, expect, it } from 'vitest';
import { EchoClient, echoOnce, randomPayload } from '../helpers/client.js';
import { connectionOwner } from '../helpers/connection-owner.js';
import { eventually, within } from '../helpers/poll.js';
import { descendants, stillAlive, threadCount } from '../helpers/server-state.js';
import { sharedServer, type ServerProcess } from '../helpers/servers.js';
import { recordMeasurement } from '../helpers/measurements.js';

const TOKEN = 'crash-now';
const STREAM_BYTES = 16 << 20;

/** A client streaming across the crash: `finish` sends the rest of its payload and half-closes. */
interface Bystander {
  client: EchoClient;
  payload: Buffer;
  finish(): void;
}

/**
 * Start a client streaming the first half of `STREAM_BYTES`; resolves once its echo is flowing. The
 * second half waits for `finish`, after the crash: the stream cannot end before the crash it must survive.
 */
async function streamingClient(server: ServerProcess): Promise<Bystander> {
  const payload = randomPayload(STREAM_BYTES);
  const client = await EchoClient.connect(server.port);
  client.socket.write(payload.subarray(0, STREAM_BYTES / 2));
  await client.waitFor(1 << 20);
  return { client, payload, finish: () => client.socket.end(payload.subarray(STREAM_BYTES / 2)) };
}

/** The victim: a connection that is served (its echo works) before it is crashed. */
async function servedClient(server: ServerProcess): Promise<EchoClient> {
  const client = await EchoClient.connect(server.port);
  await client.send('hello');
  await client.waitFor(5);
  return client;
}

/** Wait for the victim's connection to close and the bystander's echo to end; what the bystander got back. */
async function afterCrash(victim: EchoClient, bystander: Bystander): Promise<{ bytes: number; exact: boolean }> {
  await within('the crashed connection to close', victim.serverLeft, 15_000);
  bystander.finish();
  await within('the bystander’s echo to end', bystander.client.serverLeft, 30_000);
  return { bytes: bystander.client.length, exact: bystander.client.received().equals(bystander.payload) };
}

async function expectOnlyVictimClosed(server: ServerProcess, bystander: Bystander, echoed: { bytes: number; exact: boolean }): Promise<void> {
  expect(echoed.bytes, 'bytes echoed to the bystander').toBe(bystander.payload.length);
  expect(echoed.exact, 'the bystander’s echo equals what it sent').toBe(true);
  expect((await echoOnce(server.port, Buffer.from('still serving'))).toString()).toBe('still serving');
  expect(server.child.exitCode).toBeNull();
}

describe.each([
  ['fork', []],
  ['worker', []],
  ['piscina', ['--threads', '2', '--conns-per-thread', '1']],
  ['hsha', ['--threads', '1']],
])('%s when the code serving a connection crashes', (model, extra) => {
  const server = sharedServer(model, { args: ['--crash-token', TOKEN, ...extra] });

  it('closes only that connection', async () => {
    const idleThreads = threadCount(server().pid);
    const victim = await servedClient(server());
    const bystander = await streamingClient(server());
    const childrenBefore = descendants(server().pid);
    victim.socket.write(TOKEN);
    try {
      const echoed = await afterCrash(victim, bystander);
      recordMeasurement('crash', { model, 'bystander-bytes': echoed.bytes, 'bystander-sent': bystander.payload.length, exact: echoed.exact });
      await expectOnlyVictimClosed(server(), bystander, echoed);
    } finally {
      victim.destroy();
      bystander.client.destroy();
    }
    expect(server().stderr()).toMatch(model === 'piscina' || model === 'hsha' ? /task for .* failed/ : /ended (abnormally|early)/);
    // Nothing left: fork's children are gone, worker's threads ended, the pools' threads replaced.
    await eventually('the crashed child reaped', () => stillAlive(childrenBefore).length === 0);
    await eventually(`thread count back to ${idleThreads}`, () => threadCount(server().pid) === idleThreads);
    if (model === 'piscina') expect((await server().stats()).threads).toBe(2);
    if (model === 'hsha') expect((await server().stats()).threads).toBe(1);
  });
});

describe('cluster when a worker process is killed', () => {
  const server = sharedServer('cluster');

  it('closes only its connections and starts a new worker', async () => {
    const workers = descendants(server().pid);
    expect(workers).toHaveLength(2);
    const bystander = await streamingClient(server());
    const bystanderWorker = connectionOwner(server().port, bystander.client.socket.localPort!, workers);
    // Round-robin: within a few connections one lands on the other worker.
    let victim: EchoClient | undefined;
    for (let attempt = 0; attempt < 10 && !victim; attempt++) {
      const candidate = await servedClient(server());
      if (connectionOwner(server().port, candidate.socket.localPort!, workers) !== bystanderWorker) victim = candidate;
      else candidate.destroy();
    }
    expect(victim, 'a connection on the other worker').toBeDefined();
    const victimWorker = workers.find((pid) => pid !== bystanderWorker)!;
    try {
      process.kill(victimWorker, 'SIGKILL');
      const echoed = await afterCrash(victim!, bystander);
      recordMeasurement('crash', { model: 'cluster', 'bystander-bytes': echoed.bytes, 'bystander-sent': bystander.payload.length, exact: echoed.exact });
      await expectOnlyVictimClosed(server(), bystander, echoed);
    } finally {
      victim!.destroy();
      bystander.client.destroy();
    }
    await eventually('a replacement worker', () => {
      const now = descendants(server().pid);
      return now.length === 2 && !now.includes(victimWorker);
    });
  });
});

describe('reuseport when one of its threads crashes', () => {
  const server = sharedServer('reuseport', { args: ['--crash-token', TOKEN, '--threads', '2'] });
  /** The thread (index) that accepted the connection opened by `open`, from the accepted counts around it. */
  async function openOnThread<T>(open: () => Promise<T>): Promise<{ value: T; thread: number }> {
    const before = (await server().stats()).acceptedPerThread!;
    const value = await open();
    const after = await eventually('the connection counted', async () => {
      const now = (await server().stats()).acceptedPerThread!;
      return now.some((count, i) => count > before[i]!) && now;
    });
    return { value, thread: after.findIndex((count, i) => count > before[i]!) };
  }

  it('closes only that thread’s connections and starts a new thread', async () => {
    const bystander = await openOnThread(() => streamingClient(server()));
    // The kernel's hash decides the thread: within a few connections one lands on the other thread.
    let victim: EchoClient | undefined;
    for (let attempt = 0; attempt < 20 && !victim; attempt++) {
      const candidate = await openOnThread(() => servedClient(server()));
      if (candidate.thread !== bystander.thread) victim = candidate.value;
      else candidate.value.destroy();
    }
    expect(victim, 'a connection on the other thread').toBeDefined();
    victim!.socket.write(TOKEN);
    try {
      const echoed = await afterCrash(victim!, bystander.value);
      recordMeasurement('crash', { model: 'reuseport', 'bystander-bytes': echoed.bytes, 'bystander-sent': bystander.value.payload.length, exact: echoed.exact });
      await expectOnlyVictimClosed(server(), bystander.value, echoed);
    } finally {
      victim!.destroy();
      bystander.value.client.destroy();
    }
    expect(server().stderr()).toMatch(/died \(code 70\); starting a new one/);
    await eventually('two threads again', async () => (await server().stats()).threads === 2);
  });
});
