/** How an abandoned row's departing clients left, and what became of the echoes owed to those that half-closed, in words. */
import { count } from './format.js';
import type { AbandonedFigures } from './schema.js';

/** "nothing sent" or "1 B + half-close". */
export function departureKind({ departureBytes }: Pick<AbandonedFigures, 'departureBytes'>): string {
  return departureBytes === 0 ? 'nothing sent' : `${count(departureBytes)} B + half-close`;
}

/** "98 of 100 echoed, 2 still waiting"; null when nothing was owed (nothing sent, or not measured). */
export function owedEchoesText({ owedEchoes, departed }: Pick<AbandonedFigures, 'owedEchoes' | 'departed'>): string | null {
  if (!owedEchoes) return null;
  const { echoed, closedShort, waiting } = owedEchoes;
  const rest = [closedShort > 0 ? `${count(closedShort)} closed unechoed` : '', waiting > 0 ? `${count(waiting)} still waiting` : ''].filter(Boolean);
  return [`${count(echoed)} of ${count(departed)} echoed`, ...rest].join(', ');
}
