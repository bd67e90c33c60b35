/** Debian's headless chromium for the browser tests: found or not (the tests then skip), and launched offline. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** ECHOLAB_CHROMIUM: another browser binary, or a missing path to check the skip. */
export const CHROMIUM = process.env.ECHOLAB_CHROMIUM ?? '/usr/bin/chromium';
export const haveBrowser = existsSync(CHROMIUM);

export function skipNotice(what: string): void {
  if (!haveBrowser) console.warn(`${what} skipped: ${CHROMIUM} not found (install Debian's chromium package, as .ci/run does)`);
}

/** chromium.launch always starts from a fresh temporary profile (Playwright refuses --user-data-dir here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
