/**
 * Narrative for a capacity search: per model, where its knee is, why the step there failed, which of
 * its intervals failed and what the server and the generator measured in them, read from the steps'
 * numbers; and a ranking only where the answers allow one.
 */
import type { ResultRow, ResultsFile, Slo } from '../../results/schema.js';
import { andList, count, latency, num, percent, serverCpu, times } from '../../results/format.js';
import { formatSlo } from '../../results/slo-format.js';
import { stepFailures, stepIntervals, type StepInterval } from '../../results/step-intervals.js';
import { searchedModels, type SearchedModel } from '../capacity-rows.js';

/** Server CPU within this share of a whole core (or of all its cores) counts as that core (those cores) busy. */
const BUSY_SHARE = 0.85;

/**
 * The generator is named as the limit only where its own lateness could explain the failure: its send
 * lag p99 at least this share of the step's latency p99. Below that it ran late too (the row is marked
 * client-bound) but the server's figures say more.
 */
const GENERATOR_SHARE = 0.5;

/** What the server and the generator measured over the whole failing step. */
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
  return `its CPU was not saturated (${shown})${alsoLate}`;
}

function generatorLimit(lag: number | null): string {
  return `the generator itself fell behind its schedule (send lag p99 ${latency(lag)}), so the limit is at least this and may be the generator's`;
}

/** Why a step failed, from its own figures: the rate it achieved (and connections never answered) or its percentile over the objective. */
function failureReason(row: ResultRow, slo: Slo): string {
  const p = slo.percentile;
  const offered = row.targetRate ?? 0;
  const achieved = (row.achievedRate ?? row.msgsPerSec).median;
  const figure = row.latencyUs[p];
  const failures = stepFailures(row, slo);
  if (failures.includes('status')) return `the server stopped answering (${row.failure ?? 'failed'})`;
  const starved = row.fairness.starved > 0 ? `, ${row.fairness.starved} of ${row.connections} connections never answered` : '';
  const rate = `it achieved ${num(achieved)} msgs/s, ${percent(offered > 0 ? (100 * achieved) / offered : null)} of the offered rate${starved}`;
  const over = `${p} ${latency(figure)} over ${count(row.latencyUs.count)} answers, above the objective`;
  if (failures.includes('rate') && failures.includes('latency')) return `${rate}, and ${over}`;
  if (failures.includes('rate')) return `${rate}, while ${p} was ${latency(figure)}${figure === null ? '' : ', within the objective'}`;
  return over;
}

const seconds = (ms: number) => `${num(ms / 1000)} s`;

/** One interval as measured: its span in the step, its answers, percentile, rate, server CPU and send lag (or that they were not measured there). */
function describeInterval(interval: StepInterval, slo: Slo, external: boolean): string {
  const { serverCpuPercent, serverCpuResolutionPercent } = interval;
  const measuredCpu = serverCpuPercent === null ? null : serverCpu({ cpuPercent: serverCpuPercent, ...(serverCpuResolutionPercent === undefined ? {} : { cpuResolutionPercent: serverCpuResolutionPercent }) });
  const cpu = measuredCpu !== null ? `server CPU ${measuredCpu}` : external ? 'server CPU not sampled (an external server)' : 'server CPU not measured there';
  const lag =
    interval.sendLagP99Us === undefined ? 'generator send lag not measured' : interval.sendLagP99Us === null ? 'the generator sent nothing there' : `generator send lag p99 ${latency(interval.sendLagP99Us)}`;
  const rate = interval.msgsPerSec === null ? '' : `, ${num(interval.msgsPerSec)} msgs/s`;
  const answers = interval.answers === 0 ? 'no answer came back' : `${slo.percentile} ${latency(interval.percentileUs)} over ${count(interval.answers)} answers${rate}`;
  return `${seconds(interval.fromMs)}–${seconds(interval.toMs)}: ${answers}, ${cpu}, ${lag}`;
}

/** Which of a failing step's intervals failed, and the worst of them as measured. */
function failingIntervals(row: ResultRow, slo: Slo): string {
  const intervals = stepIntervals(row, slo);
  if (intervals.length === 0) return 'its intervals were not recorded';
  const failed = intervals.filter((interval) => interval.failedOn.length > 0);
  const external = row.server === null;
  if (failed.length === 0) return `none of its ${intervals.length} intervals failed on its own (the step's figure is over all of them)`;
  // The worst: the first in which nothing came back, else the highest percentile where latency failed, else the lowest rate.
  const onLatency = failed.filter((interval) => interval.failedOn.includes('latency'));
  const silent = failed.find((interval) => interval.answers === 0);
  const worst =
    silent ??
    (onLatency.length > 0
      ? onLatency.reduce((a, b) => ((b.percentileUs ?? 0) > (a.percentileUs ?? 0) ? b : a))
      : failed.reduce((a, b) => ((b.msgsPerSec ?? 0) < (a.msgsPerSec ?? 0) ? b : a)));
  const which = failed.length === intervals.length ? `all ${intervals.length} of its intervals failed` : `${failed.length} of its ${intervals.length} intervals failed`;
  return `${which}, the worst at ${describeInterval(worst, slo, external)}`;
}

/** The step numbers at the first failing rate: "step 3", or "step 4 (measuring step 3's rate again, which failed in 1 of 3 intervals)". */
function failingStep(searched: SearchedModel): string {
  const [first, ...rest] = searched.firstFailSteps;
  const decided = searched.atFirstFail!;
  if (!first || rest.length === 0) return `step ${decided.rateSearch!.step}`;
  const intervals = stepIntervals(first, searched.slo);
  const failed = intervals.filter((interval) => interval.failedOn.length > 0).length;
  return `step ${decided.rateSearch!.step} (measuring again the rate of step ${first.rateSearch!.step}, which failed in ${failed} of its ${intervals.length} intervals)`;
}

/** Rates where one step failed in some intervals only and its second measurement passed: a stall did not decide them. */
function overturned(searched: SearchedModel): string {
  const passedAgain = searched.steps.filter((row) => row.rateSearch!.confirms !== undefined && row.rateSearch!.passed);
  if (passedAgain.length === 0) return '';
  const rates = passedAgain.map((row) => `${num(row.targetRate!)} msgs/s (step ${row.rateSearch!.confirms})`).join(', ');
  return ` A step at ${rates} failed in some of its intervals only and passed when measured again.`;
}

/** Where the search climbed no further, and the ceiling it climbs to (a multiple of the model's closed-loop rate). */
function ceiling(searched: SearchedModel): string {
  const { probeMsgsPerSec, ceilingRate } = searched.result;
  // The climb doubles: it stops where the next step would pass the ceiling, which may be well above the last rate tried.
  const at = ceilingRate !== undefined && probeMsgsPerSec > 0 ? ` (its next step would pass ${num(ceilingRate)} msgs/s, ${times(ceilingRate / probeMsgsPerSec)} the closed-loop rate, the most it offers)` : '';
  return `the search's ceiling was reached${at}`;
}

function modelSentence(searched: SearchedModel, cores: number): string {
  const { model, result, atSustained, atFirstFail, slo } = searched;
  const p = slo.percentile;
  const lowest = result.minRate !== undefined ? ` (the search offers no rate under ${num(result.minRate)} msgs/s, where a step would hold fewer than ${count(result.stepAnswers ?? 0)} answers)` : '';
  const failedAt = atFirstFail
    ? `at ${num(result.firstFailingRate!)} msgs/s, ${failingStep(searched)}, ${failureReason(atFirstFail, slo)}; ${failingIntervals(atFirstFail, slo)}; over the step ${limitOf(atFirstFail, cores)}`
    : '';
  if (result.sustainedRate === null) {
    return `${model} sustained no rate tried${lowest}${failedAt ? `: ${failedAt}` : ''}.${overturned(searched)}`;
  }
  const flat = atSustained ? ` (${p} ${latency(atSustained.latencyUs[p])})` : '';
  if (result.firstFailingRate === null) {
    return `${model} sustained every rate tried, up to ${num(result.sustainedRate)} msgs/s${flat}: ${ceiling(searched)}, its limit lies higher.${overturned(searched)}`;
  }
  const bound = result.lowerBound && !atFirstFail?.client.clientBound ? '; a lower bound: the generator fell behind at a failing step' : '';
  return `${model}'s knee lies between ${num(result.sustainedRate)} and ${num(result.firstFailingRate)} msgs/s${flat}${failedAt ? `; ${failedAt}` : ''}${bound}.${overturned(searched)}`;
}

/** Above this a model's limit may lie: its first failing rate, or without bound where its answer is a lower bound. */
const upperEnd = (searched: SearchedModel) =>
  searched.result.lowerBound || searched.result.firstFailingRate === null ? Number.POSITIVE_INFINITY : searched.result.firstFailingRate;

/**
 * A model sustained the most only where its sustained rate is at or above every other model's upper
 * end: where all are lower bounds the search reached its own ceiling, not the models' limits.
 */
function leadSentence(models: SearchedModel[]): string {
  const objective = formatSlo(models[0]!.slo);
  const sustained = models.filter((m) => m.result.sustainedRate !== null).sort((a, b) => b.result.sustainedRate! - a.result.sustainedRate!);
  const best = sustained[0];
  if (!best) return `No model sustained any rate tried within ${objective}.`;
  if (models.every((m) => m.result.lowerBound)) {
    // A step that failed in some intervals was measured again; the rate is judged by that second measurement.
    const capped = models.filter((m) => m.result.firstFailingRate === null).map((m) => m.model);
    const none = models.filter((m) => m.result.sustainedRate === null).map((m) => m.model);
    const late = models.filter((m) => m.result.firstFailingRate !== null && m.result.sustainedRate !== null).map((m) => m.model);
    const why = [
      capped.length > 0 ? `no rate tried was judged failed for ${andList(capped)}` : '',
      late.length > 0 ? `${andList(late)} failed only where the generator fell behind too` : '',
      none.length > 0 ? `${andList(none)} sustained no rate tried` : '',
    ].filter(Boolean);
    return `Within ${objective}, no answer ranks: every rate sustained is a lower bound (${why.join('; ')}): the search's ceiling was reached, not the models' limits.`;
  }
  const rivals = models.filter((m) => m !== best && upperEnd(m) > best.result.sustainedRate!).map((m) => m.model);
  const rate = `${best.result.lowerBound ? 'at least ' : ''}${num(best.result.sustainedRate!)} msgs/s`;
  if (rivals.length === 0) return `Within ${objective}, ${best.model} sustained the most: ${rate}.`;
  return `Within ${objective}, ${best.model} sustained the highest rate tried, ${rate}, but the limits of ${rivals.join(', ')} may lie above it (a lower bound, or a bracket reaching past it): the search does not rank them.`;
}

export function capacityNarrative(rows: readonly ResultRow[], results: ResultsFile): (string | null)[] {
  const models = searchedModels(rows);
  if (models.length === 0) return [null];
  const cores = (searched: SearchedModel) => searched.steps[0]!.placement?.serverCpus?.length ?? results.env.cores;
  return [leadSentence(models), ...models.map((searched) => modelSentence(searched, cores(searched)))];
}
