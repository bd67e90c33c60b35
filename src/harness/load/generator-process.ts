/** A generator process: runs the load the harness asks for over IPC and reports each measured window. */
import { Abandonment } from './abandon-load.js';
import { LoadGenerator } from './generator.js';
import { ConnectionHold } from './hold-load.js';
import type { FromGenerator, ToGenerator } from './load-spec.js';
import { toError } from '../../shared/to-error.js';
import { leaveInterruptToParent } from '../../shared/interrupt.js';

let generator: LoadGenerator | undefined;
let abandonment: Abandonment | undefined;
let hold: ConnectionHold | undefined;
const reply = (message: FromGenerator) => process.send?.(message);

// Never outlive the harness.
process.on('disconnect', () => process.exit(0));
leaveInterruptToParent();

process.on('message', (message: ToGenerator) => {
  void handle(message).catch((error: unknown) => reply({ type: 'fatal', message: toError(error).message }));
});

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
    case 'measure':
      reply({ type: 'warm', ...generator!.endWarmUp() });
      for (let i = 0; i < message.windows; i++) reply({ type: 'window', report: await generator!.measureWindow(message.windowMs) });
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
    case 'finish':
      reply({ type: 'finished', ...generator!.finish() });
      generator = undefined;
      return;
  }
}
