/** Narrative for the CPU-bound scenario: how close each model came to the machine's limit. */
import type { ResultRow, ResultsFile } from '../../harness/results-schema.js';
import { cpuLimit, serverCpuCount } from '../charts/cpu-limit.js';
import { num, times } from '../format.js';
import { leadSentence, msgsPerSec, ranked } from './facts.js';

export function cpuNarrative(rows: readonly ResultRow[], results: ResultsFile): (string | null)[] {
  const work = rows[0]!.workUsPerMessage;
  const cpus = Math.max(...rows.map((row) => serverCpuCount(row, results)));
  const oneCore = cpuLimit(1, work);
  const all = cpuLimit(cpus, work);
  const order = ranked(rows, msgsPerSec);
  if (order.length === 0) return [];
  const best = order[0]!;
  const above = order.filter((row) => row.msgsPerSec.median > 1.1 * oneCore).map((row) => row.model);
  const below = order.filter((row) => row.msgsPerSec.median <= 1.1 * oneCore).map((row) => row.model);
  const limits =
    `With ${work} µs of work per message one core can do at most ${num(oneCore)} msgs/s and the server's ${cpus} CPU(s) ` +
    `${num(all)}; the best, ${best.model}, reached ${num((100 * best.msgsPerSec.median) / all)} % of that.`;
  const split =
    above.length > 0
      ? `Clearly above the one-core limit (more than 10 % over): ${above.join(', ')}; at or below it: ${below.join(', ') || 'none'}.`
      : `No model got clearly above the one-core limit (${num(oneCore)} msgs/s).`;
  const slowest = order.at(-1)!;
  const speedup =
    slowest !== best && slowest.msgsPerSec.median > 0
      ? `The best model did ${times(best.msgsPerSec.median / slowest.msgsPerSec.median)} the work of the slowest (${slowest.model}); with ${cpus} CPU(s) no model can exceed ${cpus}× a single core.`
      : null;
  return [leadSentence(rows, msgsPerSec, 'msgs/s', ''), limits, split, speedup];
}
