/** Two or three sentences per scenario, generated from its rows: the page's prose says only what the numbers say. */
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { kindOf, type ScenarioKind } from '../../results/scenario-kind.js';
import { abandonedNarrative } from './abandoned.js';
import { capacityNarrative } from './capacity.js';
import { churnNarrative } from './churn.js';
import { closedLoopNarrative } from './closed-loop.js';
import { connectionsNarrative } from './connections.js';
import { cpuNarrative } from './cpu.js';
import { exceptionsSentence } from './facts.js';
import { openLoopNarrative } from './open-loop.js';
import { scalingSentences } from './scaling.js';
import { slowClientNarrative } from './slow-client.js';

type Narrative = (rows: readonly ResultRow[], results: ResultsFile) => (string | null)[];

/** Each kind of scenario tells its story in its own sentences. */
const NARRATIVES: Record<ScenarioKind, Narrative> = {
  abandoned: abandonedNarrative,
  connections: connectionsNarrative,
  capacity: capacityNarrative,
  'slow-client': slowClientNarrative,
  churn: churnNarrative,
  'open-loop': openLoopNarrative,
  cpu: cpuNarrative,
  'closed-loop': closedLoopNarrative,
};

export function narrate(rows: readonly ResultRow[], results: ResultsFile): string[] {
  if (rows.length === 0) return [];
  // A capacity search's steps are judged in its own sentences: client-bound steps are expected near the wall.
  // A core sweep is told in its own sentences, whatever the scenario; a search's steps, and the connections scenario's steps
  // not run (projected) or failed, are told in their own sentences too.
  const kind = kindOf(rows[0]!);
  const sentences = [...NARRATIVES[kind](rows, results), ...scalingSentences(rows), kind === 'capacity' || kind === 'connections' ? null : exceptionsSentence(rows)];
  // A sentence may open with "the external server at …" or "every model": capitalise it. Model ids stay as written.
  const said = sentences.filter((sentence): sentence is string => sentence !== null).map((sentence) => sentence.replace(/^(the|every) /, (word) => word[0]!.toUpperCase() + word.slice(1)));
  return said.length > 0 ? said : ['No model produced a usable measurement in this scenario.'];
}
