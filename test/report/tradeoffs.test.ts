/**
 * The tradeoffs: facts → claims → text. The golden file holds the fixture run's claims as the README
 * prints them: a rule, a threshold or a figure that changes a claim changes the file, and the test fails
 * until the change is looked at and accepted (`npx vitest run test/report/tradeoffs.test.ts -u`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../src/report/html.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { claimsOf } from '../../src/report/tradeoffs/claims.js';
import { tradeoffFacts } from '../../src/report/tradeoffs/facts.js';
import { tradeoffs, tradeoffsMarkdown } from '../../src/report/tradeoffs/index.js';
import { scoreboard } from '../../src/report/scoreboard/scoreboard.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const claims = (results: ResultsFile) => new Map(tradeoffFacts(scoreboard(results)).map((server) => [server.label, claimsOf(server).map((claim) => `${claim.rule}: ${claim.fact.scenario}`)]));

describe('tradeoffs', () => {
  it('says the fixture run’s claims as the golden file has them', async () => {
    await expect(`${tradeoffsMarkdown(tradeoffs(fixture))}\n`).toMatchFileSnapshot('./golden/tradeoffs-fixture.md');
  });

  it('claims a lead only where the leader is clearly ahead of another, and failures and unanswered connections where the row says so', () => {
    const of = claims(fixture);
    // echo-small: event-loop's repeats clear every other's.
    expect(of.get('event-loop')).toContain('leads: echo-small');
    // fork failed echo-large; sequential starved connections.
    expect(of.get('fork')).toContain('failed: echo-large');
    expect(of.get('sequential')).toContain('unanswered: slow-client');
    // A first place shared by more servers than the threshold allows is no claim: six tie on cpu.
    for (const claimed of of.values()) expect(claimed).not.toContain('leads: cpu');
  });

  it('leads nobody where every figure was measured once, and claims a gap there only when it is ten-fold', () => {
    const once = structuredClone(fixture);
    for (const row of once.results) if (row.scenario === 'churn') row.connectionsPerSec = { median: row.connectionsPerSec!.median, range: [row.connectionsPerSec!.median, row.connectionsPerSec!.median], runs: [row.connectionsPerSec!.median] };
    const of = claims(once);
    for (const claimed of of.values()) expect(claimed).not.toContain('leads: churn');
    // fork's churn is 1/11.6× the best: beyond ten-fold; worker's 0.22× is not.
    expect(of.get('fork')).toContain('far behind: churn');
    expect(of.get('worker')).not.toContain('far behind: churn');
  });

  it('is on the report page under the scoreboard, before the scenarios', () => {
    const html = renderPage(fixture, []);
    expect(html.indexOf('<section id="tradeoffs">')).toBeGreaterThan(html.indexOf('<table class="scoreboard">'));
    expect(html.indexOf('<section id="tradeoffs">')).toBeLessThan(html.indexOf('id="scenario-echo-small"'));
    expect(html).toContain('<b>event-loop</b> (one thread, non-blocking I/O) is first in echo-small (69,400 msgs/s).');
  });
});
