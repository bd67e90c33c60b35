/** The report reads each scenario's declaration from the run's results file, never from today's suite. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/harness/output/table.js';
import { fairness } from '../../src/report/charts/fairness.js';
import { renderPage } from '../../src/report/html.js';
import { narrate } from '../../src/report/narrative/index.js';
import { rowsOf, scenariosIn, sortRows } from '../../src/report/rows.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;

/** The fixture as a run with other declarations would have recorded it. */
function recorded(change: (run: ResultsFile) => void): ResultsFile {
  const run = structuredClone(fixture);
  change(run);
  return run;
}

describe('a report drawn from the results file alone', () => {
  it('describes each scenario in the words the run recorded', () => {
    const run = recorded((r) => (r.scenarios.find((s) => s.name === 'echo-large')!.description = 'a description only this run recorded.'));
    expect(renderPage(run, [])).toContain('<p class="subtitle">A description only this run recorded. Measured at 8 connection(s).</p>');
  });

  it('orders the scenarios as the run recorded them', () => {
    expect(scenariosIn(fixture)).toEqual(fixture.scenarios.map((s) => s.name));
    const reversed = recorded((r) => r.scenarios.reverse());
    expect(scenariosIn(reversed)).toEqual(fixture.scenarios.map((s) => s.name).reverse());
    expect(sortRows(reversed)[0]!.scenario).toBe('open');
    const page = renderPage(reversed, []);
    expect(page.indexOf('id="scenario-open"')).toBeLessThan(page.indexOf('id="scenario-echo-small"'));
  });

  it("counts the idle clients from the rows, in the chart's subtitle, the terminal table and the story", () => {
    const run = recorded((r) => {
      for (const row of r.results) if (row.scenario === 'slow-client') row.idleConnections = 2;
    });
    expect(fairness.build(run)!.subtitle).toMatch(/^15 active connections plus 2 idle client\(s\) that connected first/);
    expect(fairness.build(fixture)!.subtitle).toMatch(/^15 active connections plus 1 idle client\(s\)/);
    const rows = rowsOf(run.results, 'slow-client');
    expect(formatTable(rows)).toMatch(/│ sequential +│ 15\+2 idle +│/);
    expect(formatTable(rowsOf(run.results, 'echo-large'))).not.toContain('idle');
    // The story of waiting on an idle client is told wherever a run had one, whatever the scenario's name.
    const renamed = rows.map((row) => ({ ...row, scenario: 'renamed' }));
    expect(narrate(renamed, run).join(' ')).toContain('waits on the idle client');
  });
});
