/**
 * stop() itself frees every thread, child and handle. serve exits the process after stop(), which
 * would hide a model that forgot its threads; here each model runs inside this test process
 * (compiled, as serve runs it), so a thread or child its stop() leaves behind is seen in /proc.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledScript } from '../../src/harness/compiled.js';
import { createLogger } from '../../src/shared/log.js';
import { parseServeArgs } from '../../src/cli/serve-options.js';
import { NO_WORK } from '../../src/shared/work.js';
import type { RunningServer, StartModel } from '../../src/models/model.js';
import { EchoClient } from '../helpers/client.js';
import { eventually } from '../helpers/poll.js';
import { descendants, stillAlive } from '../helpers/server-state.js';
import { MODEL_IDS } from '../helpers/servers.js';

const threads = () => readdirSync('/proc/self/task').length;
let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe.each(MODEL_IDS.filter((m) => m !== 'cluster'))('%s stop() in process', (model) => {
  it('leaves no thread, child or connection behind', async () => {
    const parsed = parseServeArgs([model, '--port', '0', '--grace', '0.5', '--log-level', 'error']);
    if (parsed.help) throw new Error('unexpected --help');
    const { start } = (await import(pathToFileURL(compiledScript(`src/models/${model}.js`)).href)) as { start: StartModel };
    const threadsBefore = threads();
    running = await start({ options: parsed.options, work: NO_WORK, log: createLogger('error', model) });

    // As many clients as the model serves at once, up to three (piscina serves threads × K).
    const poolSlots = parsed.options.threads * parsed.options.connsPerThread;
    const count = model === 'sequential' ? 1 : model === 'piscina' ? Math.min(3, poolSlots) : 3;
    const clients = await Promise.all(Array.from({ length: count }, () => EchoClient.connect(running!.address.port)));
    for (const client of clients) await client.send('hello');
    for (const client of clients) await client.waitFor(5);
    const children = descendants(process.pid);
    if (model === 'fork') expect(children.length).toBeGreaterThanOrEqual(count);
    if (['worker', 'piscina', 'hsha', 'reuseport'].includes(model)) expect(threads()).toBeGreaterThan(threadsBefore);

    // The clients stay connected: stop() must close them after the grace period and free the rest.
    await running.stop();
    running = undefined;
    await Promise.all(clients.map((client) => client.serverLeft));
    await eventually('every child of the model gone', () => stillAlive(children).length === 0, 5_000);
    await eventually(`thread count back to ${threadsBefore}`, () => threads() === threadsBefore, 5_000);
  });
});
