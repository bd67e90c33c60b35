/** Two or three sentences per scenario, generated from its rows: the page's prose says only what the numbers say. */
import type { ResultRow, ResultsFile } from '../../harness/results-schema.js';
import { churnNarrative } from './churn.js';
import { closedLoopNarrative } from './closed-loop.js';
import { cpuNarrative } from './cpu.js';
import { exceptionsSentence, leadSentence, msgsPerSec } from './facts.js';
import { openLoopNarrative } from './open-loop.js';
import { slowClientNarrative } from './slow-client.js';

function sentencesFor(scenario: string, rows: readonly ResultRow[], results: ResultsFile): (string | null)[] {
  const first = rows[0]!;
  if (scenario === 'slow-client') return slowClientNarrative(rows);
  if (first.mode === 'churn') return churnNarrative(rows);
  if (first.mode === 'open') return openLoopNarrative(rows);
  if (first.workUsPerMessage > 0) return cpuNarrative(rows, results);
  if (first.mode === 'closed') return closedLoopNarrative(rows);
  return [leadSentence(rows, msgsPerSec, 'msgs/s', '')];
}

export function narrate(scenario: string, rows: readonly ResultRow[], results: ResultsFile): string[] {
  if (rows.length === 0) return [];
  const sentences = [...sentencesFor(scenario, rows, results), exceptionsSentence(rows)];
  const said = sentences.filter((sentence): sentence is string => sentence !== null);
  return said.length > 0 ? said : ['No model produced a usable measurement in this scenario.'];
}
