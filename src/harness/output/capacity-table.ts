/** The capacity search's table: one line per model, the largest rate it sustained within the objective and the bracket the limit lies in. */
import { fittedTable } from './fit-columns.js';
import { numberMarks } from './mark-notes.js';
import { formatSlo } from '../plan/slo.js';
import { latency, num, percent, serverCpu } from '../../results/format.js';
import type { ResultRow, Slo, StepFailure } from '../../results/schema.js';
import { stepFailures } from '../../results/step-intervals.js';

export function formatCapacityTable(rows: readonly ResultRow[]): string {
  const head = ['model', 'conns', 'objective', 'sustained msgs/s', 'limit between', 'p50 / p99 there', 'srv CPU there', 'steps', 'notes'];
  const rowMarks: string[][] = [];
  const lines: (string | number)[][] = [];
  for (const last of rows.filter((row) => row.rateSearch?.result || !row.rateSearch)) {
    const search = last.rateSearch;
    const result = search?.result;
    if (!search || !result) {
      rowMarks.push([last.failure ?? last.status]);
      lines.push([last.model, last.connections, '', '', '', '', '', '']);
      continue;
    }
    // The figures at the sustained rate come from its own step, where the search measured it.
    const steps = rows.filter((row) => row.model === last.model && row.connections === last.connections && row.rateSearch);
    const atSustained = steps.find((row) => row.rateSearch!.passed && row.targetRate === result.sustainedRate);
    const bracket =
      result.sustainedRate === null ? `< ${num(result.firstFailingRate!)}` : result.firstFailingRate === null ? `> ${num(result.sustainedRate)}` : `${num(result.sustainedRate)} – ${num(result.firstFailingRate)}`;
    const failing = steps.filter((row) => result.firstFailingRate !== null && row.targetRate === result.firstFailingRate);
    const marks = [
      ...(failing.length > 0 ? [failedAt(failing, search.slo)] : []),
      // A bound needs a rate sustained: with none, a late generator only makes the failure partly its own.
      ...(result.lowerBound && result.sustainedRate !== null
        ? [result.firstFailingRate === null ? 'lower bound: no rate tried was judged failed (the climb stops at 4× the closed-loop rate)' : 'lower bound: the generator fell behind at a failing step']
        : []),
      ...(result.lowerBound && result.sustainedRate === null ? ['the generator fell behind at the failing step too'] : []),
      ...(result.sustainedRate === null ? [`no rate passed (lowest tried ${num(Math.min(...steps.map((row) => row.targetRate!)))})`] : []),
      ...(last.status === 'failed' ? [last.failure ?? 'failed'] : []),
    ];
    rowMarks.push(marks);
    lines.push([
      last.model,
      last.connections,
      formatSlo(search.slo),
      result.sustainedRate === null ? '—' : `${result.lowerBound ? '≥ ' : ''}${num(result.sustainedRate)}`,
      bracket,
      atSustained ? `${latency(atSustained.latencyUs.p50)} / ${latency(atSustained.latencyUs.p99)}` : '',
      atSustained ? serverCpu(atSustained.server) : '',
      result.steps,
    ]);
  }
  const notes = numberMarks(rowMarks);
  const table = fittedTable(head, lines.map((line, i) => [...line, notes.cells[i]!]), ['sustained msgs/s', 'p50 / p99 there', 'srv CPU there']);
  return notes.legend ? `${table}\n${notes.legend}` : table;
}

/** Why the first failing rate failed, from the step that decided it: "at 6,000 msgs/s: p99 16.9 ms (measured twice)". */
function failedAt(failing: ResultRow[], slo: Slo): string {
  const decided = failing.at(-1)!;
  const offered = decided.targetRate!;
  const achieved = (decided.achievedRate ?? decided.msgsPerSec).median;
  const starved = decided.fairness.starved > 0 ? `, ${decided.fairness.starved} of ${decided.connections} connections unanswered` : '';
  const words: Record<StepFailure, string> = {
    status: `the server stopped answering`,
    rate: `achieved ${percent((100 * achieved) / offered)} of it${starved}`,
    latency: `${slo.percentile} ${latency(decided.latencyUs[slo.percentile])}`,
  };
  const twice = failing.length > 1 ? ' (measured twice)' : '';
  return `failed at ${num(offered)} msgs/s: ${stepFailures(decided, slo).map((failure) => words[failure]).join(', ')}${twice}`;
}
