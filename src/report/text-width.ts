/**
 * Text widths for vega's layout when no canvas is available (headless Node). vega's fallback guesses
 * 0.8 em per character, far wider than real text, which pushes legends away from long footnotes and
 * mis-sizes labels. vega supports replacing textMetrics.width (vl-convert does the same with real
 * fonts); here per-character advance widths of DejaVu Sans, the font the charts name first and
 * resvg draws the PNGs with, within a few per cent.
 */
import * as vega from 'vega';

/** Advance widths in em of DejaVu Sans (Bitstream Vera metrics) for printable ASCII, from ' ' (32) to '~' (126). */
const ASCII_EM = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337, // space ../
  0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531, // 0-9 :;<=>?
  1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, // @A-O
  0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, // P-Z [\]^_
  0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, // `a-o
  0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838, // p-z {|}~
];
const OTHER_EM: Record<string, number> = { 'µ': 0.636, '−': 0.838, '×': 0.838, '…': 1.0, '–': 0.5, '—': 1.0, '±': 0.838 };
const DEFAULT_EM = 0.65;
/** DejaVu Sans Bold runs about 10 % wider. */
const BOLD_FACTOR = 1.1;

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

export function textWidthEm(text: string): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    em += (code >= 32 && code <= 126 ? ASCII_EM[code - 32] : OTHER_EM[char]) ?? DEFAULT_EM;
  }
  return em;
}

function width(item: TextItem, text: unknown): number {
  const line = text == null ? '' : String(text).trim();
  const size = item.fontSize ?? 11;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const measured = textWidthEm(line) * size * (bold ? BOLD_FACTOR : 1);
  // vega truncates text to `limit` px; report the truncated width so bounds match what is drawn.
  return item.limit && item.limit > 0 ? Math.min(measured, item.limit) : measured;
}

/** Makes vega measure text with these widths from now on (process-wide, idempotent). */
export function useDejaVuWidths(): void {
  // vega exports textMetrics at run time; its type declarations omit it.
  (vega as unknown as { textMetrics: { width: typeof width } }).textMetrics.width = width;
}
