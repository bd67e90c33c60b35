/**
 * What a generator process does with each message from the harness, whichever transport carries it
 * (IPC in generator-process.ts, newline-delimited JSON over ssh in the agent).
 */
import { Abandonment } from './abandon-load.js';
import { LoadGenerator } from './generator.js';
import { ConnectionHold } from './hold-load.js';
import type { FromGenerator, ToGenerator } from './generator-protocol.js';
import { toError } from '../../shared/to-error.js';

export function generatorHandler(reply: (message: FromGenerator) => void): (message: ToGenerator) => void {
  let generator: LoadGenerator | undefined;
  let abandonment: Abandonment | undefined;
  let hold: ConnectionHold | undefined;

  async function handle(message: ToGenerator): Promise<void> {
    switch (message.type) {
      case 'start':
        generator?.finish(); // a point that failed half-way never said 'finish'
        generator = new LoadGenerator(message.spec);
        await generator.open();
        reply({ type: 'started' });
        return;
      case 'progress':
        reply({ type: 'progress', ...generator!.progress() });
        return;
      case 'go':
        generator!.go();
        return;
      case 'measure':
        reply({ type: 'warm', ...generator!.endWarmUp() });
        if (message.intervals) generator!.recordIntervals(message.intervals);
        for (let i = 0; i < message.windows; i++) reply({ type: 'window', report: await generator!.measureWindow(message.windowMs) });
        if (message.intervals) reply({ type: 'intervals', report: generator!.intervalReport()! });
        return;
      case 'depart':
        abandonment = new Abandonment(generator!, message.request);
        reply({ type: 'departed', report: await abandonment.depart() });
        return;
      case 'probe':
        // Releases the load: this point is over once it reports.
        reply({ type: 'probed', report: await abandonment!.releaseAndProbe(message.probe) });
        generator = abandonment = undefined;
        return;
      case 'hold':
        // Each step adds to the connections held since the first.
        hold ??= new ConnectionHold();
        reply({ type: 'held', report: await hold.add(message.spec) });
        return;
      case 'release':
        hold?.release();
        hold = undefined;
        reply({ type: 'released' });
        return;
      case 'retarget': {
        const { reconnected } = await generator!.retarget(message.spec);
        reply({ type: 'started', ...(reconnected ? { reconnected } : {}) });
        return;
      }
      case 'finish':
        reply({ type: 'finished', ...generator!.finish(message.keep) });
        if (!message.keep) generator = undefined;
        return;
      case 'close':
        generator?.close();
        generator = undefined;
        reply({ type: 'closed' });
        return;
    }
  }

  return (message) => void handle(message).catch((error: unknown) => reply({ type: 'fatal', message: toError(error).message }));
}
