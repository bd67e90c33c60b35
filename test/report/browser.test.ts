/**
 * report.html in a real headless browser (Debian's chromium; .ci/run installs it, this test installs
 * nothing): it must load from disk with no console errors and no network, and show every chart.
 * Leaves screenshots in test-artifacts/: report.png (the whole page at 1,280 px), report-first-screen.png
 * and report-390.png (a phone's width).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { EXPECTED_CHARTS, fixtureRunDir } from './fixture-run.js';
import { hiddenParts, openAllDetails, unevenRows, unstuckColumns } from './page-layout.js';
import { haveBrowser, launchChromium, skipNotice } from './chromium.js';

/** Options as a real bench run records them: long enough to overflow a page that sets them on one line. */
const REAL_OPTIONS = {
  scenarios: ['echo-small', 'echo-large', 'cpu', 'churn', 'slow-client', 'open'],
  models: ['event-loop', 'sequential', 'fork', 'worker', 'piscina', 'hsha', 'cluster', 'reuseport'],
  overrides: { connections: [1, 16, 64, 256] },
  timing: { warmupMs: 500, windowMs: 3000, repeats: 3, connectTimeoutMs: 5000, answerTimeoutMs: 2000 },
  generators: 1,
  json: false,
  progress: true,
  quick: false,
  outDir: '/home/a-reader-with-a-long-user-name/projects/echolab-checkout/results/benchmark-runs',
  report: true,
};

/** The reference run's page at 1,280 px must stay within this: half its height before the page put its detail behind <details>. */
const REFERENCE_PAGE_HEIGHT = 10_350;

skipNotice('report browser test');

describe.skipIf(!haveBrowser)('report.html in headless Chromium', () => {
  const run = fixtureRunDir();
  let browser: Browser | undefined;

  beforeAll(async () => {
    await writeReport(run.dir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    run.remove();
  });

  it('renders with no console errors, no network requests, and every chart visible', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });

    const url = pathToFileURL(path.join(run.dir, 'report.html')).href;
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    expect(response, 'the page loaded').not.toBeNull();
    expect(response!.ok(), `status ${response!.status()}`).toBe(true);
    expect(await page.locator('svg').count(), 'inlined charts').toBe(EXPECTED_CHARTS.length);
    // Secondary charts wait behind <details>: opened, each must be drawn like the first.
    await openAllDetails(page);

    for (const name of EXPECTED_CHARTS) {
      const chart = page.locator(`#chart-${name} svg`);
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.width, name).toBeGreaterThan(100);
      expect(box!.height, name).toBeGreaterThan(100);
      // Visible means drawn: the chart's title text is laid out inside it.
      expect(await chart.locator('text').first().isVisible(), name).toBe(true);
    }
    expect(await page.locator('table').count()).toBeGreaterThan(0);

    // The screenshot is of the whole laid-out page: a PNG as wide as the viewport and as tall as the document.
    mkdirSync('test-artifacts', { recursive: true });
    const png = await page.screenshot({ path: 'test-artifacts/report.png', fullPage: true });
    const pageHeight = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1280, height: pageHeight });
    expect(pageHeight, 'a page taller than one screen').toBeGreaterThan(900);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('opens on the scoreboard: every server’s name and every scenario’s column within the first 1280 × 900 screen', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(path.join(run.dir, 'report.html')).href, { waitUntil: 'load', timeout: 30_000 });
    const names = page.locator('table.scoreboard tbody th');
    const servers = JSON.parse(readFileSync(path.join(run.dir, 'results.json'), 'utf8')).results.map((row: { model: string }) => row.model);
    expect(await names.allTextContents()).toEqual([...new Set(servers)]);
    const cells = page.locator('table.scoreboard th, table.scoreboard td');
    for (let i = 0; i < (await cells.count()); i++) {
      const box = (await cells.nth(i).boundingBox())!;
      expect(box.y + box.height, `cell ${i} of the scoreboard`).toBeLessThanOrEqual(900);
      expect(box.x + box.width, `cell ${i} of the scoreboard`).toBeLessThanOrEqual(1280);
    }
    await page.screenshot({ path: 'test-artifacts/report-first-screen.png' });
    await page.close();
  });

  it('at 390 px: no sideways page scroll, every wide table scrolls with its model column in sight, every chart opens full size', async () => {
    const page = await browser!.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(pathToFileURL(path.join(run.dir, 'report.html')).href, { waitUntil: 'load', timeout: 30_000 });
    await openAllDetails(page);
    const widths = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    expect(widths[0], 'page width in a 390 px window').toBeLessThanOrEqual(widths[1]);
    const scrolling = (await page.evaluate("[...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth).length")) as number;
    expect(scrolling, 'tables too wide for a phone scroll in their box').toBeGreaterThan(0);
    expect(await unstuckColumns(page)).toEqual([]);
    for (const name of EXPECTED_CHARTS) expect(await page.locator(`#chart-${name} a.full-size`).getAttribute('href'), name).toBe(`charts/${name}.svg`);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/report-390.png', fullPage: true });
    await page.close();
  });

  it('prints within an A4 page: every table inside the printed width, with every folded part printed', async () => {
    // A4 at 96 px per inch less Chromium's default margins of 0.4 in each side: 794 − 77 px.
    const page = await browser!.newPage({ viewport: { width: 717, height: 1123 } });
    await page.emulateMedia({ media: 'print' });
    await page.goto(pathToFileURL(path.join(run.dir, 'report.html')).href, { waitUntil: 'load', timeout: 30_000 });
    const tables = await page.locator('table').count();
    const printed = (await page.evaluate("[...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().height > 0).length")) as number;
    expect(printed, 'tables laid out in print').toBe(tables);
    expect(await hiddenParts(page)).toEqual([]);
    await page.close();
  });

  it('lays out the committed reference run (the one README.md links) within its height budget, the scoreboard and every name on the first screen, at 390 px and on A4', async () => {
    const reference = /\[`(results\/[^`/]+)\/`\]/.exec(readFileSync('README.md', 'utf8'))![1]!;
    const copy = fixtureRunDir(path.join(reference, 'results.json'));
    try {
      await writeReport(copy.dir);
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(path.join(copy.dir, 'report.html')).href, { waitUntil: 'load', timeout: 30_000 });
      expect((await page.evaluate('document.documentElement.scrollHeight')) as number).toBeLessThanOrEqual(REFERENCE_PAGE_HEIGHT);
      const names = page.locator('table.scoreboard tbody th');
      expect(await names.count()).toBeGreaterThan(0);
      for (let i = 0; i < (await names.count()); i++) {
        const box = (await names.nth(i).boundingBox())!;
        expect(box.y + box.height, (await names.nth(i).textContent()) ?? `name ${i}`).toBeLessThanOrEqual(900);
      }
      // Its real tables, wider than the fixture's: still no sideways page on a phone, and within A4 in print.
      await page.setViewportSize({ width: 390, height: 844 });
      await openAllDetails(page);
      expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 717, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      expect(await hiddenParts(page)).toEqual([]);
      await page.close();
    } finally {
      copy.remove();
    }
  });

  it('fits a 1280 px window: no sideways scroll, every table column visible, marked rows one line like the rest', async () => {
    // Its own run directory: the fixture's options are a stub, a real run's fill a long line.
    const wide = fixtureRunDir();
    try {
      const resultsPath = path.join(wide.dir, 'results.json');
      writeFileSync(resultsPath, JSON.stringify({ ...JSON.parse(readFileSync(resultsPath, 'utf8')), options: REAL_OPTIONS }));
      await writeReport(wide.dir);
      for (const width of [1280, 1400]) {
        const page = await browser!.newPage({ viewport: { width, height: 900 } });
        await page.goto(pathToFileURL(path.join(wide.dir, 'report.html')).href, { waitUntil: 'load', timeout: 30_000 });
        expect(await page.locator('table').count()).toBeGreaterThan(0);
        await openAllDetails(page);
        expect(await hiddenParts(page), `at ${width} px`).toEqual([]);
        expect(await unevenRows(page), `at ${width} px`).toEqual([]);
        await page.close();
      }
    } finally {
      wide.remove();
    }
  });
});
