/** The capacity search's table: one line per model, the largest rate it sustained within the objective and the bracket the limit lies in. */
import Table from 'cli-table3';
import { formatSlo } from '../plan/slo.js';
import { latency, num, percent } from '../../results/format.js';
import type { ResultRow } from '../../results/schema.js';

export function formatCapacityTable(rows: readonly ResultRow[]): string {
  const table = new Table({
    head: ['model', 'conns', 'objective', 'sustained msgs/s', 'limit between', 'p50 / p99 there', 'srv CPU there', 'steps', 'marks'],
    style: { head: [], border: [] },
  });
  for (const last of rows.filter((row) => row.rateSearch?.result || !row.rateSearch)) {
    const search = last.rateSearch;
    const result = search?.result;
    if (!search || !result) {
      table.push([last.model, last.connections, '', '', '', '', '', '', last.failure ?? last.status]);
      continue;
    }
    // The figures at the sustained rate come from its own step, where the search measured it.
    const steps = rows.filter((row) => row.model === last.model && row.connections === last.connections && row.rateSearch);
    const atSustained = steps.find((row) => row.rateSearch!.passed && row.targetRate === result.sustainedRate);
    const bracket =
      result.sustainedRate === null ? `< ${num(result.firstFailingRate!)}` : result.firstFailingRate === null ? `> ${num(result.sustainedRate)}` : `${num(result.sustainedRate)} – ${num(result.firstFailingRate)}`;
    const marks = [
      ...(result.lowerBound ? [result.firstFailingRate === null ? 'lower bound: no rate tried failed' : 'lower bound: the generator fell behind at a failing step'] : []),
      ...(result.sustainedRate === null ? [`no rate passed (lowest tried ${num(Math.min(...steps.map((row) => row.targetRate!)))})`] : []),
      ...(last.status === 'failed' ? [last.failure ?? 'failed'] : []),
    ];
    table.push([
      last.model,
      last.connections,
      formatSlo(search.slo),
      result.sustainedRate === null ? '—' : `${result.lowerBound ? '≥ ' : ''}${num(result.sustainedRate)}`,
      bracket,
      atSustained ? `${latency(atSustained.latencyUs.p50)} / ${latency(atSustained.latencyUs.p99)}` : '',
      atSustained ? percent(atSustained.server?.cpuPercent ?? null) : '',
      result.steps,
      marks.join('; '),
    ]);
  }
  return table.toString();
}
