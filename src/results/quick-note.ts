/**
 * What --quick changed in a scenario, in words, from its record: printed under the scenario's
 * description (which names the full suite's values) in the terminal and in the report, so a quick
 * run's "16 connections" in the description never stands beside rows measured at 4.
 */
import type { ParameterMatrix, ScenarioRecord } from './schema.js';

const LABELS: Partial<Record<keyof ParameterMatrix, string>> = {
  connections: 'connections',
  serverCores: 'server cores',
  idleConnections: 'idle connections',
  messageSize: 'message size (B)',
};

export function quickNote(record: ScenarioRecord | undefined): string | undefined {
  const full = record?.withoutQuick;
  if (!record || !full) return undefined;
  const parts = Object.entries(full.parameters ?? {}).map(([key, values]) => {
    const asRun = record.parameters[key as keyof ParameterMatrix];
    return `${LABELS[key as keyof ParameterMatrix] ?? key} ${asRun.join(', ')} (full suite: ${(values as unknown[]).join(', ')})`;
  });
  if (full.abandon && record.abandon) parts.push(`${record.abandon.clients} departing clients, a ${record.abandon.deadlineSec} s deadline (full suite: ${full.abandon.clients}, ${full.abandon.deadlineSec} s)`);
  if (full.hold && record.hold) parts.push(`a ${record.hold.budgetSec} s budget a model (full suite: ${full.hold.budgetSec} s)`);
  if (full.search && record.rateSearch) {
    const { factor, bisections, maxStepMs } = record.rateSearch;
    parts.push(`a coarser search: ×${factor} steps, ${bisections} bisection(s)${maxStepMs === undefined ? '' : `, steps of at most ${maxStepMs / 1000} s`}`);
  }
  return parts.length > 0 ? `--quick: ${parts.join('; ')}` : undefined;
}
