/** Narrative for a capacity search: per model, where its knee is and what limits it there, read from the steps' numbers. */
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { latency, num, serverCpu } from '../../results/format.js';
import { formatSlo } from '../../results/slo-format.js';
import { searchedModels, type SearchedModel } from '../capacity-rows.js';

/** Server CPU within this share of a whole core (or of all its cores) counts as that core (those cores) busy. */
const BUSY_SHARE = 0.85;

/**
 * The generator is named as the limit only where its own lateness could explain the failure: its send
 * lag p99 at least this share of the step's latency p99. Below that it ran late too (the row is marked
 * client-bound) but the server's figures say more.
 */
const GENERATOR_SHARE = 0.5;

/** What held the model back at its first failing step, from that step's own figures. */
export function limitOf(failing: ResultRow, cores: number): string {
  const lag = failing.client.sendLagP99Us ?? null;
  const alsoLate = failing.client.clientBound ? `; the generator also ran late (send lag p99 ${latency(lag)})` : '';
  const generatorLate = failing.client.clientBound && (lag === null || lag >= GENERATOR_SHARE * (failing.latencyUs.p99 ?? 0));
  if (failing.server === null) {
    return generatorLate ? generatorLimit(lag) : `no server figures were sampled (an external server), so what held it back is not known${alsoLate}`;
  }
  const cpu = failing.server.cpuPercent;
  const shown = serverCpu(failing.server);
  if (cores > 1 && cpu >= BUSY_SHARE * 100 * cores) return `its ${cores} cores were all busy (server CPU ${shown})${alsoLate}`;
  if (cpu >= BUSY_SHARE * 100) return `one core was busy (server CPU ${shown}${cores > 1 ? `, of ${cores} cores` : ''})${alsoLate}`;
  // Connections never answered are the server's doing, however late the generator was (their waits are in no percentile).
  if (failing.fairness.starved > 0) return `${failing.fairness.starved} of ${failing.connections} connections got no answer at all: they waited unserved while CPU was spare (${shown})${alsoLate}`;
  if (generatorLate) return generatorLimit(lag);
  return `its CPU was not saturated (${shown}): answers queued and waited rather than the server running out of CPU${alsoLate}`;
}

function generatorLimit(lag: number | null): string {
  return `the generator itself fell behind its schedule (send lag p99 ${latency(lag)}), so the limit is at least this and may be the generator's`;
}

function modelSentence(searched: SearchedModel, cores: number): string {
  const { model, result, atSustained, atFirstFail, slo } = searched;
  const p = slo.percentile;
  if (result.sustainedRate === null) {
    const why = atFirstFail ? `; at ${num(result.firstFailingRate!)} msgs/s ${limitOf(atFirstFail, cores)}` : '';
    return `${model} met ${formatSlo(slo)} at no rate tried${why}.`;
  }
  const flat = atSustained ? ` (${p} ${latency(atSustained.latencyUs[p])})` : '';
  if (result.firstFailingRate === null) {
    return `${model} sustained every rate tried, up to ${num(result.sustainedRate)} msgs/s${flat}: its limit lies higher than the search went.`;
  }
  const over = atFirstFail ? `; at ${num(result.firstFailingRate)} msgs/s ${p} was ${latency(atFirstFail.latencyUs[p])}` +
    ` and it achieved ${num((atFirstFail.achievedRate ?? atFirstFail.msgsPerSec).median)} msgs/s, where ${limitOf(atFirstFail, cores)}` : '';
  const bound = result.lowerBound && !atFirstFail?.client.clientBound ? '; a lower bound: the generator fell behind at a failing step' : '';
  return `${model}'s knee lies between ${num(result.sustainedRate)} and ${num(result.firstFailingRate)} msgs/s${flat}${over}${bound}.`;
}

export function capacityNarrative(rows: readonly ResultRow[], results: ResultsFile): (string | null)[] {
  const models = searchedModels(rows);
  if (models.length === 0) return [null];
  const cores = (searched: SearchedModel) => searched.steps[0]!.placement?.serverCpus?.length ?? results.env.cores;
  const best = models.filter((m) => m.result.sustainedRate !== null).sort((a, b) => b.result.sustainedRate! - a.result.sustainedRate!)[0];
  const lead = best
    ? `Within ${formatSlo(models[0]!.slo)}, ${best.model} sustained the most: ${best.result.lowerBound ? 'at least ' : ''}${num(best.result.sustainedRate!)} msgs/s.`
    : `No model met ${formatSlo(models[0]!.slo)} at any rate tried.`;
  return [lead, ...models.map((searched) => modelSentence(searched, cores(searched)))];
}
