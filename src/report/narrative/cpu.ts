/** Narrative for the CPU-bound scenario: how close each model came to the machine's limit. */
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { atMostCpus, cpuLimit, cpuUsPerMessage, serverCpuCount } from '../cpu-budget.js';
import { num, times } from '../../results/format.js';
import { aboveCpuLimit } from '../../results/cpu-limit.js';
import { anatomySentence } from './anatomy.js';
import { leadSentence, msgsPerSec, ranked } from './facts.js';

/**
 * Above the machine's ceiling is impossible if every message really cost `work` µs: say so, with the
 * CPU the server actually spent per message (from /proc), rather than report a speed-up that is not one.
 * Such rows are not ranked (report/rows.ts usable).
 */
function overLimitSentence(rows: readonly ResultRow[], work: number): string | null {
  const over = rows.filter(aboveCpuLimit);
  if (over.length === 0) return null;
  const spent = over.map((row) => `${serverName(row)} ${num(cpuUsPerMessage(row))} µs`).join(', ');
  return (
    `Caution: ${over.map(serverName).join(', ')} exceeded the machine's limit, which cannot happen if each message ` +
    `cost ${work} µs of CPU; the server's measured CPU per message was ${spent}, so the work was cheaper than intended ` +
    'there (calibration or accounting); the figure is not a parallel speed-up, and is not ranked above.'
  );
}

/** A change in the hash's speed between the two calibrations that the narrative points out (smaller is within their own noise). */
const DRIFT_WORTH_SAYING = 0.05;

/** Where the work's rounds came from: one calibration for every server, and how far the machine drifted from it by the end. */
function calibrationSentence(rows: readonly ResultRow[], results: ResultsFile): string | null {
  const rounds = rows.find((row) => row.workRoundsPerMessage)?.workRoundsPerMessage;
  const work = results.work;
  if (!work || !rounds) return null;
  const drift = work.end ? work.end.iterationsPerUs / work.start.iterationsPerUs : null;
  // What those rounds cost inside the servers, by the kernel's counters: the limits above assume the calibrated cost.
  const spent = rows.map(cpuUsPerMessage).filter(Number.isFinite);
  const nominal = rows[0]!.workUsPerMessage;
  const least = Math.min(...spent);
  const inside =
    spent.length === 0
      ? ''
      : ` Inside the servers a message cost ${num(least)} to ${num(Math.max(...spent))} µs of CPU, echo and all (the kernel's counters)` +
        (least > nominal * (1 + DRIFT_WORTH_SAYING) ? `: more than the ${nominal} µs the limits above assume, so no model could reach them.` : '.');
  return (
    `Every server burned the same ${rounds.toLocaleString('en-US')} hash rounds per message, from one calibration before the first point ` +
    `(${num(work.start.iterationsPerUs)} rounds/µs)` +
    (drift === null
      ? '.'
      : `; the same calibration after the last point read ${num(work.end!.iterationsPerUs)} rounds/µs, ${times(drift)} the first` +
        (Math.abs(drift - 1) >= DRIFT_WORTH_SAYING ? ': the machine ran at a different speed by the end, and the same rounds then cost a different CPU time.' : '.')) +
    inside
  );
}

export function cpuNarrative(swept: readonly ResultRow[], results: ResultsFile): (string | null)[] {
  // A core sweep's rows at fewer cores are told by the scaling sentences; a connections sweep (-c) is told at its most.
  const widest = atMostCpus(swept, results);
  const most = Math.max(...widest.map((row) => row.connections));
  const rows = widest.filter((row) => row.connections === most);
  const work = rows[0]!.workUsPerMessage;
  const cpus = Math.max(...rows.map((row) => serverCpuCount(row, results)));
  const oneCore = cpuLimit(1, work);
  const all = cpuLimit(cpus, work);
  const order = ranked(rows, msgsPerSec);
  if (order.length === 0) return [];
  const best = order[0]!;
  const above = order.filter((row) => row.msgsPerSec.median > 1.1 * oneCore).map(serverName);
  const below = order.filter((row) => row.msgsPerSec.median <= 1.1 * oneCore).map(serverName);
  const limits =
    `With ${work} µs of work per message one core can do at most ${num(oneCore)} msgs/s and the server's ${cpus} CPU(s) ` +
    `${num(all)}; the best, ${serverName(best)}, reached ${num((100 * best.msgsPerSec.median) / all)} % of that.`;
  const split =
    above.length > 0
      ? `Clearly above the one-core limit (more than 10 % over): ${above.join(', ')}; at or below it: ${below.join(', ') || 'none'}.`
      : `No model got clearly above the one-core limit (${num(oneCore)} msgs/s).`;
  const slowest = order.at(-1)!;
  const speedup =
    slowest !== best && slowest.msgsPerSec.median > 0
      ? `The best model did ${times(best.msgsPerSec.median / slowest.msgsPerSec.median)} the work of the slowest (${serverName(slowest)}); with ${cpus} CPU(s) no model can exceed ${cpus}× a single core.`
      : null;
  return [leadSentence(rows, msgsPerSec, 'msgs/s', ''), limits, split, speedup, overLimitSentence(rows, work), calibrationSentence(rows, results), anatomySentence(rows, `at ${cpus} server CPU(s)`)];
}
