/**
 * The two reads of a point's cost anatomy: the server's and the local generators' thread counters
 * just before the measured windows start and as the last one ends.
 */
import type { GeneratorPool } from '../load/generator-pool.js';
import type { WindowReport } from '../load/generator-protocol.js';
import { anatomyOf, sideAnatomy } from '../rows/anatomy.js';
import { roleOf } from '../rows/anatomy-roles.js';
import type { Anatomy } from '../../results/schema.js';
import { readTreeCounters, type ThreadCounters } from '../server/thread-counters.js';
import type { ServerUnderTest } from './server-under-test.js';

export interface AnatomyRead {
  server: ThreadCounters[] | undefined;
  generator: ThreadCounters[] | undefined;
}

/** No read: a point measured without its anatomy. */
export const NO_READ: AnatomyRead = { server: undefined, generator: undefined };

/** Now: the server's tree where it is ours to read (pid known), the generators where all run here. */
export function readAnatomy(target: Pick<ServerUnderTest, 'pid'>, pool: Pick<GeneratorPool, 'localPids'>): AnatomyRead {
  const generators = pool.localPids();
  return {
    server: target.pid === undefined ? undefined : readTreeCounters([target.pid]),
    generator: generators === undefined ? undefined : readTreeCounters(generators),
  };
}

/** What each side spent between the reads, and the answers and completed connections of the windows in between. */
export function anatomyBetween(before: AnatomyRead, after: AnatomyRead, windows: readonly WindowReport[][], model: string): Anatomy {
  const reports = windows.flat();
  const side = (a: ThreadCounters[] | undefined, b: ThreadCounters[] | undefined, role: (thread: ThreadCounters) => string) =>
    a && b ? sideAnatomy(a, b, role) : null;
  return anatomyOf({
    answers: reports.reduce((sum, report) => sum + report.messages, 0),
    connectionsCompleted: reports.reduce((sum, report) => sum + report.connectionsCompleted, 0),
    server: side(before.server, after.server, (thread) => roleOf(model, thread)),
    generator: side(before.generator, after.generator, (thread) => roleOf('generator', thread)),
  });
}
