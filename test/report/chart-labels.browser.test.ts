/**
 * Every chart of report.html as Chromium lays it out: no two text labels drawn over each other, and
 * none wider than its column. For the fixture run, a --quick-shaped one, and (by hand) any run:
 * ECHOLAB_CHART_RUN=results/<run> npx vitest run test/report/chart-labels.browser.test.ts
 * (the run is copied: its own report and charts stay as they are).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { chartProblems } from './chart-labels.js';
import { haveBrowser, launchChromium, skipNotice } from './chromium.js';
import { fixtureRunDir, quickShapedRunDir } from './fixture-run.js';
import { openAllDetails } from './page-layout.js';

skipNotice('chart label browser test');

const ONE_RUN = process.env.ECHOLAB_CHART_RUN;

function copyOfRun(dir: string): { dir: string; remove(): void } {
  const copy = mkdtempSync(path.join(tmpdir(), 'echolab-charts-'));
  cpSync(dir, copy, { recursive: true });
  return { dir: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}

describe.skipIf(!haveBrowser)('chart labels in headless Chromium', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function problemsOf(run: { dir: string; remove(): void }): Promise<string[]> {
    try {
      await writeReport(run.dir);
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(path.join(run.dir, 'report.html')).href, { waitUntil: 'load', timeout: 30_000 });
      expect(await page.locator('figure.chart svg').count(), 'charts on the page').toBeGreaterThan(0);
      // Secondary charts are folded behind <details>: opened, they are laid out and checked like the first.
      await openAllDetails(page);
      const problems = await chartProblems(page);
      await page.close();
      return problems;
    } finally {
      run.remove();
    }
  }

  it('the fixture run: no overlapping labels, every chart within its column at 1280 px', async () => {
    expect(await problemsOf(fixtureRunDir())).toEqual([]);
  });

  it('a --quick-shaped run (one connection count): the same', async () => {
    expect(await problemsOf(quickShapedRunDir())).toEqual([]);
  });

  it.runIf(ONE_RUN)(`the run in ECHOLAB_CHART_RUN (${ONE_RUN ?? 'not set'}): the same`, async () => {
    expect(await problemsOf(copyOfRun(ONE_RUN!))).toEqual([]);
  });
});
