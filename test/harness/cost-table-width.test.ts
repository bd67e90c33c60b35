/** The cost tables fit a terminal's 120 columns, as every bench table does: headers wrap before a figure is cut. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCostTable } from '../../src/harness/output/cost-table.js';
import { TABLE_MAX_WIDTH } from '../../src/harness/output/fit-columns.js';
import type { ResultsFile } from '../../src/results/schema.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** The reference run README.md cites: real rows, with every scenario's anatomy. */
const run = /results\/(\d{4}-\d\d-\d\dT[\d-]+Z)\//.exec(README)![1]!;
const results = JSON.parse(readFileSync(new URL(`../../results/${run}/results.json`, import.meta.url), 'utf8')) as ResultsFile;

describe('cost tables in the terminal', () => {
  const scenarios = [...new Set(results.results.map((row) => row.scenario))];
  it.each(scenarios)('%s: within 120 columns, every figure whole', (scenario) => {
    const table = formatCostTable(results.results.filter((row) => row.scenario === scenario));
    // Every scenario of the reference run measured its anatomy: a missing table would pass unseen.
    expect(table).not.toBeNull();
    const [, ...lines] = table!.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(TABLE_MAX_WIDTH);
    // No figure cut: cli-table3 marks a truncated cell with '…'.
    expect(table).not.toContain('…');
  });
});
