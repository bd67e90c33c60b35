/**
 * Target 7: the open-loop generator holds its schedule. Each round measures its closed-loop
 * ceiling on this machine (the capacity scenario's connections and message size, against event-loop,
 * placed as the harness places it), then open-loop steps at fixed fractions of that ceiling. Up to
 * SCHEDULE_TARGET.upToCeiling, every step must achieve ≥ 99 % of its offered rate with send-lag p99
 * under 100 µs; the step above it shows where the generator stops holding (not required). Beside each
 * step, the same rate through clock-watcher.ts on the generator's CPU: the lag this machine gives a
 * sender that does no work at all, so a miss can be told apart from a floor the machine sets.
 */
import Table from 'cli-table3';
import { SCHEDULE_TARGET } from '../../src/harness/load/schedule-target.js';
import { median } from '../../src/harness/rows/stats.js';
import { capacity } from '../../src/scenarios/capacity.js';
import type { Scenario } from '../../src/scenarios/scenario.js';
import type { Measurer } from './measure.js';
import { scheduleFloor } from './schedule-floor.js';

const FRACTIONS = [0.25, 0.5, 0.8, 1] as const;

/** One step's figures, one entry per round; null where the row measured nothing. */
export interface ScheduleStep {
  fraction: number;
  offered: number[];
  achieved: (number | null)[];
  sendLagP50Us: (number | null)[];
  sendLagP99Us: (number | null)[];
  /** The clock-only sender's lag at the same rate and CPU (schedule-floor.ts). */
  floorP99Us: (number | null)[];
  floorP999Us: (number | null)[];
}

export interface ScheduleFigures {
  ceiling: number[];
  steps: ScheduleStep[];
}

export function scheduleFigures(): ScheduleFigures {
  return { ceiling: [], steps: FRACTIONS.map((fraction) => ({ fraction, offered: [], achieved: [], sendLagP50Us: [], sendLagP99Us: [], floorP99Us: [], floorP999Us: [] })) };
}

const connections = capacity.parameters.connections![0]!;
const messageSize = capacity.parameters.messageSize![0]!;
/** The capacity scenario's load, closed loop (rate 0) or open at `rate`. */
const load = (rate: number): Scenario => ({
  name: 'generator-schedule',
  description: 'target 7: the generator against event-loop, closed loop or open at a fraction of its ceiling',
  kind: 'closed-loop',
  parameters: { connections: [connections], messageSize: [messageSize], rate: [rate] },
});

/** One round: the ceiling, then every step at its fraction of this round's ceiling, and the floor at that rate for `seconds` on `generatorCpus`. */
export async function measureScheduleRound(measure: Measurer, into: ScheduleFigures, seconds: number, generatorCpus: readonly number[] | null): Promise<void> {
  const ceiling = (await measure.model('event-loop', load(0), connections)).msgsPerSec.median;
  into.ceiling.push(ceiling);
  for (const step of into.steps) {
    const rate = Math.round(step.fraction * ceiling);
    const row = await measure.model('event-loop', load(rate), connections);
    step.offered.push(rate);
    step.achieved.push(row.achievedRate?.median ?? null);
    step.sendLagP50Us.push(row.client.sendLagP50Us ?? null);
    step.sendLagP99Us.push(row.client.sendLagP99Us ?? null);
    const floor = await scheduleFloor(rate, seconds * 1000, generatorCpus);
    step.floorP99Us.push(floor.p99);
    step.floorP999Us.push(floor.p999);
  }
}

/** Median of the rounds that measured something; null if none did. */
const medianOf = (values: (number | null)[]) => {
  const measured = values.filter((v): v is number => v !== null);
  return measured.length ? median(measured) : null;
};

export interface ScheduleSummary {
  ceiling: number | null;
  steps: {
    fraction: number;
    offered: number | null;
    achieved: number | null;
    achievedPercent: number | null;
    sendLagP50Us: number | null;
    sendLagP99Us: number | null;
    floorP99Us: number | null;
    floorP999Us: number | null;
    required: boolean;
    held: boolean;
  }[];
  /** Every required step held. */
  met: boolean;
}

/** Medians over the rounds, each step judged against SCHEDULE_TARGET. */
export function summarizeSchedule(figures: ScheduleFigures): ScheduleSummary {
  const steps = figures.steps.map((step) => {
    const offered = medianOf(step.offered);
    const achieved = medianOf(step.achieved);
    const achievedPercent = offered && achieved !== null ? (100 * achieved) / offered : null;
    const sendLagP99Us = medianOf(step.sendLagP99Us);
    const held = achievedPercent !== null && achievedPercent >= 100 * SCHEDULE_TARGET.achieved && sendLagP99Us !== null && sendLagP99Us < SCHEDULE_TARGET.sendLagP99Us;
    return { fraction: step.fraction, offered, achieved, achievedPercent, sendLagP50Us: medianOf(step.sendLagP50Us), sendLagP99Us, floorP99Us: medianOf(step.floorP99Us), floorP999Us: medianOf(step.floorP999Us), required: step.fraction <= SCHEDULE_TARGET.upToCeiling, held };
  });
  return { ceiling: medianOf(figures.ceiling), steps, met: steps.length > 0 && steps.every((s) => !s.required || s.held) };
}

/** The step table and a one-line verdict, in plain words. */
export function scheduleReport(summary: ScheduleSummary, rounds: number): string {
  const int = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));
  const table = new Table({
    head: ['of\nceiling', 'offered\nmsgs/s', 'achieved\nmsgs/s', 'achieved\n%', 'send lag\np50 µs', 'send lag\np99 µs', 'clock-only lag\np99 / p99.9 µs', 'required', 'held'],
    style: { head: [], border: [] },
  });
  for (const s of summary.steps) {
    const held = s.held ? 'yes' : s.required ? 'NO' : 'no';
    table.push([`${Math.round(100 * s.fraction)} %`, int(s.offered), int(s.achieved), s.achievedPercent === null ? '—' : s.achievedPercent.toFixed(1), int(s.sendLagP50Us), int(s.sendLagP99Us), `${int(s.floorP99Us)} / ${int(s.floorP999Us)}`, s.required ? 'yes' : 'no', held]);
  }
  const { achieved, sendLagP99Us, upToCeiling } = SCHEDULE_TARGET;
  const goal = `achieved ≥ ${100 * achieved} % and send-lag p99 < ${sendLagP99Us} µs at every rate up to ${100 * upToCeiling} % of the closed-loop ceiling`;
  const failed = summary.steps.filter((s) => s.required && !s.held).map((s) => `${Math.round(100 * s.fraction)} %`);
  const verdict = summary.met ? 'target 7 met on this machine' : `target 7 NOT met on this machine: failed at ${failed.join(', ')} of the ceiling`;
  const floorAbove = summary.steps.filter((s) => s.required && s.floorP99Us !== null && s.floorP99Us >= sendLagP99Us).map((s) => `${Math.round(100 * s.fraction)} %`);
  const floor =
    "clock-only: a process on the generator's CPU that sends nothing and only watches the clock at the same rate;\n" +
    '   the lag this machine gives a sender with no work at all' +
    (floorAbove.length ? `.\nIts p99 alone reaches ${sendLagP99Us} µs at ${floorAbove.join(', ')}: no generator could hold the goal there` : '');
  return (
    `7. generator schedule: closed-loop ceiling ${int(summary.ceiling)} msgs/s (event-loop, c=${connections}, ${messageSize} B, median of ${rounds} rounds);\n` +
    `   then open loop at fractions of each round's ceiling (medians of the rounds)\n${table.toString()}\n${verdict}\n(goal: ${goal})\n${floor}\n`
  );
}
