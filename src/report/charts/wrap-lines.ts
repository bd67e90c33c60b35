/** Long lines of a chart's text (notes under the title, the footnote) broken between words, so they never set the chart's width. */
import { textWidthEm } from '../text-width.js';

/** `lines`, each broken between words into lines at most `maxPx` wide in DejaVu Sans at `fontSize`; continuation lines indented. */
export function wrapLines(lines: readonly string[], fontSize: number, maxPx: number): string[] {
  const fits = (text: string) => textWidthEm(text) * fontSize <= maxPx;
  return lines.flatMap((line) => {
    if (fits(line)) return [line];
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      const next = current === '' ? word : `${current} ${word}`;
      if (current !== '' && !fits(next)) {
        out.push(current);
        current = `   ${word}`;
      } else current = next;
    }
    return [...out, current];
  });
}
