/**
 * Layout checks run inside the browser on report.html: what a reader cannot see without scrolling
 * sideways, and table rows taller than their neighbours. Each returns readable problems (empty: fine).
 */
import type { Page } from 'playwright-core';

// The little of the DOM these checks use: the project compiles without TypeScript's DOM library.
interface Box {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly textContent: string | null;
  getBoundingClientRect(): { right: number; height: number };
}
interface Row extends Box {
  readonly cells: ArrayLike<Box>;
  querySelector(selector: string): unknown;
}
interface Table extends Box {
  readonly rows: ArrayLike<Row>;
  readonly tBodies: ArrayLike<{ readonly rows: ArrayLike<Row> }>;
  readonly tHead: { readonly rows: ArrayLike<Row> } | null;
  readonly parentElement: Box | null;
  closest(selector: string): { id: string } | null;
}
declare const document: { documentElement: Box; querySelectorAll(selector: 'table'): ArrayLike<Table> };

/** Page wider than the window, tables wider than their box, columns past the box's edge, clipped cells. */
export function hiddenParts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const window = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > window) {
      problems.push(`page is ${document.documentElement.scrollWidth} px wide in a ${window} px window`);
    }
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const name = table.closest('section')?.id ?? 'table';
      const box = table.parentElement!;
      if (table.scrollWidth > box.clientWidth) problems.push(`${name}: table ${table.scrollWidth} px in a ${box.clientWidth} px box`);
      // A column is hidden when its header or any of its cells ends past the table's box (or the window).
      const right = Math.min(box.getBoundingClientRect().right, window) + 0.5;
      const headers = Array.from(table.tHead!.rows[0]!.cells, (cell) => cell.textContent ?? '');
      const hidden = new Set<string>();
      for (const row of Array.from(table.rows)) {
        Array.from(row.cells).forEach((cell, i) => {
          if (cell.getBoundingClientRect().right > right) hidden.add(headers[i] ?? String(i));
          if (cell.scrollWidth > cell.clientWidth) problems.push(`${name}: "${cell.textContent}" clipped in column ${headers[i]}`);
        });
      }
      if (hidden.size > 0) problems.push(`${name}: columns out of sight: ${[...hidden].join(', ')}`);
    }
    return problems;
  });
}

/** Rows more than 2 px taller or shorter than the table's unmarked rows (a wrapped mark makes a row taller). */
export function unevenRows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const name = table.closest('section')?.id ?? 'table';
      const rows = Array.from(table.tBodies[0]!.rows);
      const plain = rows.filter((row) => !row.querySelector('.tag')).map((row) => row.getBoundingClientRect().height);
      if (plain.length === 0) continue;
      const usual = plain.sort((a, b) => a - b)[Math.floor(plain.length / 2)]!;
      for (const row of rows) {
        const height = row.getBoundingClientRect().height;
        if (Math.abs(height - usual) > 2) problems.push(`${name}: row "${row.cells[0]!.textContent}" ${height} px, others ${usual} px`);
      }
    }
    return problems;
  });
}

interface Wrap extends Box {
  scrollLeft: number;
  getBoundingClientRect(): { left: number; right: number; height: number };
  querySelectorAll(selector: 'tr'): ArrayLike<{ readonly cells: ArrayLike<{ getBoundingClientRect(): { left: number } }> }>;
}
declare const wraps: { querySelectorAll(selector: '.table-wrap'): ArrayLike<Wrap> };

/** Tables scrolled sideways to their end whose first (model) column did not stay at the box's left edge. */
export function unstuckColumns(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const all = Array.from((document as unknown as typeof wraps).querySelectorAll('.table-wrap'));
    for (const [i, wrap] of all.entries()) {
      if (wrap.scrollWidth <= wrap.clientWidth) continue;
      wrap.scrollLeft = wrap.scrollWidth;
      const left = wrap.getBoundingClientRect().left;
      for (const row of Array.from(wrap.querySelectorAll('tr'))) {
        const at = row.cells[0]!.getBoundingClientRect().left;
        if (Math.abs(at - left) > 1) problems.push(`table ${i}: first column at ${at} px, box at ${left} px`);
      }
      wrap.scrollLeft = 0;
    }
    return problems;
  });
}

/** Every <details> opened, so what a reader can unfold is laid out and checked like the rest. */
export function openAllDetails(page: Page): Promise<void> {
  return page.evaluate(() => {
    for (const details of Array.from((document as unknown as { querySelectorAll(s: 'details'): ArrayLike<{ open: boolean }> }).querySelectorAll('details'))) details.open = true;
  });
}
