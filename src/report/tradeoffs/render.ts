/** The tradeoff claims as text: one line per server (after its name), each rule's claims joined as a sentence lists them. */
import { andList } from '../../results/format.js';
import { ratioText } from '../scoreboard/ratio.js';
import type { Claim, ClaimRule } from './claims.js';
import type { CellFact } from './facts.js';

/** "13.7 conn/s": the figure in its unit (where it was read is the scoreboard's column). */
const figure = (fact: CellFact) => (fact.column.unit ? `${fact.cell.text} ${fact.column.unit}` : fact.cell.text);

const SAY: Record<ClaimRule, { opening: string; each(fact: CellFact, label: string): string }> = {
  leads: {
    opening: 'is first in',
    each: (fact, label) => {
      const tied = fact.leaders.filter((leader) => leader !== label);
      return `${fact.scenario} (${figure(fact)}${tied.length > 0 ? `, tied with ${andList(tied)}` : ''})`;
    },
  },
  'far behind': {
    opening: 'pays in',
    each: (fact) => `${fact.scenario} (${figure(fact)}, ${ratioText(fact.cell.ratio!)} ${fact.best}’s)`,
  },
  unanswered: { opening: 'leaves connections unanswered in', each: (fact) => fact.scenario },
  failed: { opening: 'failed in', each: (fact) => fact.scenario },
};

/** What follows the server's name: "is first in cpu (1,190 msgs/s, tied with worker and cluster); pays in churn (13.7 conn/s, 1/354× event-loop’s)." */
export function claimLine(label: string, claims: readonly Claim[]): string {
  const rules = [...new Set(claims.map((claim) => claim.rule))];
  const parts = rules.map((rule) => `${SAY[rule].opening} ${andList(claims.filter((claim) => claim.rule === rule).map((claim) => SAY[rule].each(claim.fact, label)))}`);
  return parts.length === 0 ? 'is neither first nor far behind anywhere the run could rank.' : `${parts.join('; ')}.`;
}
