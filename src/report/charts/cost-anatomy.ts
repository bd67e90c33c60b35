/**
 * Where each model's CPU per message goes: the server's CPU per unit stacked by role (main thread,
 * connection or pool threads, child processes, the runtime's own threads), one panel per point.
 * From the rows' anatomy: the kernel's own counters, not a model of them.
 */
import { costUnit, perUnit } from '../../results/message-cost.js';
import type { ResultRow } from '../../results/schema.js';
import { rowsOf, pointLabel } from '../rows.js';
import { modelAxis, rowFields, type ChartDefinition } from './spec.js';

function anatomyChart(scenario: string, name: string): ChartDefinition {
  return {
    name,
    scenario,
    title: `What one ${scenario === 'churn' ? 'connection' : 'message'} costs the server, by part`,
    caption:
      'Each bar is the server’s CPU per unit of work (per message answered; under churn per connection completed), from the kernel’s ' +
      'own counters of every thread over the measured windows, stacked by the part of the model that spent it. Hover a segment for its ' +
      'run-queue wait, context switches and system calls. A bar marked ≥ in the table below lost threads that ended during the windows: ' +
      'it is a lower bound. Panels have their own scales.',
    build(results) {
      const rows = rowsOf(results.results, scenario).filter((row: ResultRow) => row.anatomy?.server && perUnit(row, 'server') !== null);
      if (rows.length === 0) return null;
      const cores = new Set(rows.map((row) => row.serverCores ?? null)).size > 1;
      const values = rows.flatMap((row) =>
        row.anatomy!.server!.roles.map((role) => {
          const per = perUnit(row, 'server', role.role)!;
          return {
            ...rowFields(row),
            point: pointLabel(row) + (cores && row.serverCores ? ` (${row.serverCores} core${row.serverCores === 1 ? '' : 's'})` : ''),
            role: role.role,
            threads: role.threads,
            cpuUs: per.cpuUs,
            runDelayUs: per.runDelayUs,
            switches: (per.voluntarySwitches ?? 0) + (per.involuntarySwitches ?? 0),
            syscalls: per.readCalls === null || per.writeCalls === null ? null : per.readCalls + per.writeCalls,
          };
        }),
      );
      const unit = costUnit(rows[0]!);
      return {
        rows,
        subtitle: `Server CPU µs per ${unit}, by role; ${scenario}`,
        body: {
          data: { values },
          facet: { column: { field: 'point', type: 'nominal', title: null } },
          spec: {
            width: 220,
            height: 240,
            mark: { type: 'bar' },
            encoding: {
              x: modelAxis(rows),
              y: { field: 'cpuUs', type: 'quantitative', title: `Server CPU µs per ${unit}`, stack: 'zero' },
              color: { field: 'role', type: 'nominal', title: 'Part of the server', scale: { scheme: 'tableau10' } },
              tooltip: [
                { field: 'model' },
                { field: 'role' },
                { field: 'threads', title: 'threads' },
                { field: 'cpuUs', title: 'CPU µs', format: '.3~s' },
                { field: 'runDelayUs', title: 'run-queue µs', format: '.3~s' },
                { field: 'switches', title: 'context switches', format: '.3~g' },
                { field: 'syscalls', title: 'read+write syscalls', format: '.3~g' },
              ],
            },
          },
          resolve: { scale: { y: 'independent' } },
        },
      };
    },
  };
}

export const anatomyEchoSmall = anatomyChart('echo-small', 'cost-anatomy-echo-small');
export const anatomyCpu = anatomyChart('cpu', 'cost-anatomy-cpu');
export const anatomyChurn = anatomyChart('churn', 'cost-anatomy-churn');
