/**
 * Checks run inside the browser on report.html's inline charts: two text labels of one chart drawn over
 * each other, and a chart wider than its column (the page then shrinks it, and its text with it).
 * Returns readable problems (empty: fine).
 */
import type { Page } from 'playwright-core';

// The little of the DOM these checks use: the project compiles without TypeScript's DOM library.
interface Matrix {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}
interface TextElement {
  readonly textContent: string | null;
  getBBox(): { x: number; y: number; width: number; height: number };
  getScreenCTM(): Matrix | null;
}
interface Svg {
  readonly width: { baseVal: { value: number } };
  readonly parentElement: { readonly clientWidth: number; closest(selector: string): { id: string } | null };
  getBoundingClientRect(): { width: number };
  querySelectorAll(selector: 'text'): ArrayLike<TextElement>;
}
declare const document: { querySelectorAll(selector: 'figure.chart svg'): ArrayLike<Svg>; querySelectorAll(selector: 'details'): ArrayLike<{ open: boolean }> };

/** Text boxes may touch: overlaps of up to this many pixels (anti-aliasing, glyph side bearings) are not reported. */
export const OVERLAP_TOLERANCE_PX = 1;

export function chartProblems(page: Page): Promise<string[]> {
  return page.evaluate((tolerance) => {
    type Point = [number, number];
    // Every chart is laid out, including those a page folds away behind <details>.
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true;
    /** The text's own box as drawn: four corners on screen, so rotated labels keep their real shape. */
    const corners = (text: TextElement): Point[] => {
      const box = text.getBBox();
      const m = text.getScreenCTM()!;
      const at = (x: number, y: number): Point => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
      return [at(box.x, box.y), at(box.x + box.width, box.y), at(box.x + box.width, box.y + box.height), at(box.x, box.y + box.height)];
    };
    /** How deep two convex quadrilaterals overlap: the least overlap of their projections on every edge's normal (separating axes). */
    const depth = (p: Point[], q: Point[]): number => {
      let least = Infinity;
      for (const quad of [p, q]) {
        for (let i = 0; i < 4; i++) {
          const [x1, y1] = quad[i]!;
          const [x2, y2] = quad[(i + 1) % 4]!;
          const length = Math.hypot(x2 - x1, y2 - y1);
          if (length === 0) continue;
          const axis: Point = [(y1 - y2) / length, (x2 - x1) / length];
          const project = (points: Point[]) => points.map(([x, y]) => x * axis[0] + y * axis[1]);
          const a = project(p);
          const b = project(q);
          least = Math.min(least, Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b)));
        }
      }
      return least;
    };
    const problems: string[] = [];
    for (const svg of Array.from(document.querySelectorAll('figure.chart svg'))) {
      const name = svg.parentElement.closest('figure')?.id.replace(/^chart-/, '') ?? 'chart';
      const column = svg.parentElement.clientWidth;
      const natural = svg.width.baseVal.value;
      if (natural > column) problems.push(`${name}: ${Math.round(natural)} px wide in a ${column} px column (drawn at ${Math.round(svg.getBoundingClientRect().width)} px)`);
      // A halo is the same text drawn twice at one place: one label.
      const seen = new Set<string>();
      const labels: { text: string; quad: Point[] }[] = [];
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const content = (text.textContent ?? '').trim();
        if (content === '') continue;
        const quad = corners(text);
        const key = `${content} ${quad.map(([x, y]) => `${Math.round(x)},${Math.round(y)}`).join(' ')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        labels.push({ text: content, quad });
      }
      // Every chart has a title: none found means the check looked at nothing.
      if (labels.length === 0) problems.push(`${name}: no text labels found`);
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const overlap = depth(labels[i]!.quad, labels[j]!.quad);
          if (overlap > tolerance) problems.push(`${name}: "${labels[i]!.text}" overlaps "${labels[j]!.text}" by ${overlap.toFixed(1)} px`);
        }
      }
    }
    return problems;
  }, OVERLAP_TOLERANCE_PX);
}
