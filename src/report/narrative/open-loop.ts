/** Narrative for the open-loop scenario: latency at equal offered load, and who could not keep up. */
import type { ResultRow } from '../../results/schema.js';
import { serverName } from '../../results/server-label.js';
import { latency, num, times } from '../../results/format.js';
import { everyServer, ranked } from './facts.js';

/**
 * What the two latency figures of a model that fell behind say. This generator never waits for an
 * answer before sending (the open loop writes on schedule whatever comes back), so a server that
 * falls behind shows in both figures: its backlog waits in socket buffers after the send. The gap
 * between them is how late the generator itself sent against the schedule (see the row's send lag).
 */
function correctionSentence(row: ResultRow): string {
  const corrected = row.latencyUs.p99;
  const uncorrected = row.latencyUncorrectedUs!.p99;
  const unanswered =
    row.fairness.starved > 0
      ? ` ${row.fairness.starved} of ${row.connections} connections got no answer at all, so their waiting is in no percentile.`
      : '';
  return (
    `${serverName(row)}'s p99 was ${latency(corrected)} from the intended send time and ${latency(uncorrected)} from the actual send time; ` +
    `the generator sends on schedule without waiting for answers, so a backlog shows in both and the gap is the generator's own ` +
    `lateness against the schedule.${unanswered}`
  );
}

export function openLoopNarrative(rows: readonly ResultRow[]): (string | null)[] {
  const rate = rows[0]!.targetRate ?? 0;
  const short = rows.filter((row) => row.status === 'ok' && row.rateShortfall);
  const kept = rows.filter((row) => row.status === 'ok' && !row.rateShortfall);
  // Lowest p99 first; a row with no answer has no p99 to rank (NaN drops it).
  const keepers = ranked(kept, (row) => -(row.latencyUs.p99 ?? Number.NaN));
  const sentences: (string | null)[] = [];
  sentences.push(
    short.length === 0
      ? `${everyServer(rows)} sustained the offered ${num(rate)} msgs/s.`
      : `${short.map((row) => `${serverName(row)} reached only ${num((row.achievedRate ?? row.msgsPerSec).median)}`).join(', ')} of the offered ${num(rate)} msgs/s; the rest kept up.`,
  );
  if (keepers.length === 1) sentences.push(`The p99 latency of ${serverName(keepers[0]!)} was ${latency(keepers[0]!.latencyUs.p99)}.`);
  if (keepers.length > 1) {
    const best = keepers[0]!;
    const worst = keepers.at(-1)!;
    sentences.push(
      `Among those that kept up, ${serverName(best)} had the lowest p99 latency, ${latency(best.latencyUs.p99)}` +
        `; the highest was ${serverName(worst)} at ${latency(worst.latencyUs.p99)} (${times(worst.latencyUs.p99! / Math.max(1, best.latencyUs.p99!))}).`,
    );
  }
  const lagging = short.find((row) => (row.latencyUncorrectedUs?.p99 ?? 0) > 0);
  if (lagging) sentences.push(correctionSentence(lagging));
  return sentences;
}
