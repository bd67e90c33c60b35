/**
 * The claim rules: one table, each rule a test on one cell fact. A claim is a rule that holds for a
 * server in a scenario; the renderers say the claims, they decide none.
 */
import type { CellFact, ServerFacts } from './facts.js';
import { CLAIM_THRESHOLDS } from './thresholds.js';

export type ClaimRule = 'leads' | 'far behind' | 'unanswered' | 'failed';

export interface Claim {
  rule: ClaimRule;
  fact: CellFact;
}

/** In the order a model's line says them: what it wins, what it costs, where it breaks. */
const CLAIM_RULES: readonly [ClaimRule, (fact: CellFact) => boolean][] = [
  // First, and clearly ahead of someone: a column where every cell ties leads nobody.
  ['leads', ({ cell, column, leaders }) => cell.rank === 1 && column.worstRank > 1 && !column.measuredOnce && leaders.length <= CLAIM_THRESHOLDS.mostLeaders],
  ['far behind', ({ cell, column }) => cell.rank !== null && cell.score !== null && (column.measuredOnce ? cell.score <= CLAIM_THRESHOLDS.farBehindOnceScore : cell.rank > 1 && cell.score <= CLAIM_THRESHOLDS.farBehindScore)],
  ['unanswered', ({ cell }) => cell.marks.includes('starved') || cell.marks.includes('nothing completed')],
  ['failed', ({ cell }) => cell.marks.includes('failed')],
];

export function claimsOf(server: ServerFacts): Claim[] {
  return CLAIM_RULES.flatMap(([rule, holds]) => server.cells.filter(holds).map((fact) => ({ rule, fact })));
}
