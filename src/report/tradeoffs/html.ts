/** The tradeoffs as the report's list under the scoreboard: each server in its colour, its claims after its name. */
import { escapeHtml as esc } from '../html-escape.js';
import { MODEL_COLOURS } from '../model-colours.js';
import { TRADEOFFS_LEAD, type TradeoffLine } from './index.js';

export function tradeoffsHtml(lines: readonly TradeoffLine[]): string {
  const items = lines.map((line) => `<li><span class="swatch" style="background:${MODEL_COLOURS[line.model]}"></span><b>${esc(line.label)}</b>${line.design ? ` (${esc(line.design)})` : ''} ${esc(line.text)}</li>`);
  return `<section id="tradeoffs"><h2>Tradeoffs</h2>\n<p class="subtitle">${esc(TRADEOFFS_LEAD)}</p>\n<ul class="tradeoffs">${items.join('\n')}</ul>\n</section>`;
}
