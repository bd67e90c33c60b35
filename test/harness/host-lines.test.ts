/** The per-host lines under a table: each generator host's share and its own client-bound mark. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatHostLines } from '../../src/harness/output/host-lines.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from '../report/fixture-run.js';

const row = (JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile).results.find((r) => r.mode === 'closed')!;
const host = (name: string, messages: number, elu: number, clientBound: boolean) => ({ host: name, processes: 2, messages, elu, clientBound, latencyCount: messages, latencyHistogram: '' });

describe('generators by host', () => {
  it('says nothing when every generator ran here', () => {
    expect(formatHostLines([row])).toBe('');
  });

  it('lists each host of each row, and marks only the saturated one client-bound', () => {
    const spread: ResultRow = { ...row, client: { ...row.client, hosts: [host('local', 12_345, 0.42, false), host('bench@loadbox2', 6_789, 0.93, true)] } };
    const lines = formatHostLines([spread]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/local +×2 +12,345 msgs {2}ELU 42 %$/);
    expect(lines[2]).toMatch(/bench@loadbox2 +×2 +6,789 msgs {2}ELU 93 % {2}client-bound$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
  });
});
