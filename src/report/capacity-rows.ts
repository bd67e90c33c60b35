/** The capacity search's rows read back: per model (and point), its steps in order and the answer its last step carries. */
import type { RateSearchResult, ResultRow, Slo } from '../results/schema.js';
import { MODEL_ORDER } from './model-colours.js';

export interface SearchedModel {
  model: ResultRow['model'];
  connections: number;
  slo: Slo;
  /** In the order measured. */
  steps: ResultRow[];
  result: RateSearchResult;
  /** The passing step at the sustained rate, where its figures were measured. */
  atSustained: ResultRow | undefined;
  /** The step that decided the first failing rate (a second measurement, where the first failed in some intervals only). */
  atFirstFail: ResultRow | undefined;
  /** Every step at the first failing rate, in order: one, or the first and its second measurement. */
  firstFailSteps: ResultRow[];
}

function searchSteps(rows: readonly ResultRow[]): ResultRow[] {
  return rows.filter((row) => row.rateSearch !== undefined);
}

export function searchedModels(rows: readonly ResultRow[]): SearchedModel[] {
  const steps = searchSteps(rows);
  return steps
    .filter((row) => row.rateSearch!.result)
    .map((last) => {
      const own = steps.filter((row) => row.scenario === last.scenario && row.model === last.model && row.connections === last.connections);
      const result = last.rateSearch!.result!;
      const at = (rate: number | null) => own.filter((row) => rate !== null && row.targetRate === rate);
      const firstFailSteps = at(result.firstFailingRate);
      return {
        model: last.model,
        connections: last.connections,
        slo: last.rateSearch!.slo,
        steps: own,
        result,
        atSustained: at(result.sustainedRate).find((row) => row.rateSearch!.passed),
        atFirstFail: firstFailSteps.at(-1),
        firstFailSteps,
      };
    })
    .sort((a, b) => MODEL_ORDER.indexOf(a.model) - MODEL_ORDER.indexOf(b.model) || a.connections - b.connections);
}
