/**
 * The Tradeoffs: what each server wins and what it pays, built as facts (the scoreboard's cells) →
 * claims (claims.ts's rules, thresholds.ts's numbers) → text (render.ts), for the report and the README.
 */
import type { ResultsFile } from '../../results/schema.js';
import { num } from '../../results/format.js';
import { MODEL_SUMMARIES } from '../../models/ids.js';
import { scoreboard } from '../scoreboard/scoreboard.js';
import { CLAIM_THRESHOLDS } from './thresholds.js';
import { claimLine } from './render.js';
import { claimsOf } from './claims.js';
import { tradeoffFacts, type ServerFacts } from './facts.js';

export interface TradeoffLine {
  label: string;
  model: ServerFacts['model'];
  /** The model's design in a few words ("a child process per connection"): why it wins or pays; none for an external server. */
  design: string | null;
  /** What follows the name: "is first in cpu (…); pays in churn (…)." */
  text: string;
}

export function tradeoffs(results: Pick<ResultsFile, 'scenarios' | 'results'>): TradeoffLine[] {
  return tradeoffFacts(scoreboard(results)).map((server) => ({
    label: server.label,
    model: server.model,
    design: server.model === 'external' ? null : MODEL_SUMMARIES[server.model],
    text: claimLine(server.label, claimsOf(server)),
  }));
}

export function tradeoffsMarkdown(lines: readonly TradeoffLine[]): string {
  return [TRADEOFFS_LEAD, '', ...lines.map((line) => `- **${line.label}**${line.design ? ` (${line.design})` : ''} ${line.text}`)].join('\n');
}

/** How far the claims go: said once above them. */
export const TRADEOFFS_LEAD =
  `From the scoreboard: where each server is first (clearly ahead of another), ${num(1 / CLAIM_THRESHOLDS.farBehindScore)}× behind the best or more ` +
  `(${num(1 / CLAIM_THRESHOLDS.farBehindOnceScore)}× where measured once), and where it left connections unanswered or failed.`;
