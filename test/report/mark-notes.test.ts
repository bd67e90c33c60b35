/** A table's marks: one note per kind, naming its rows grouped by server, each row one line with its note numbers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markNotes } from '../../src/report/mark-notes.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const echoSmall = fixture.results.filter((row) => row.scenario === 'echo-small');

/** event-loop client-bound at c=16 and c=64, besides the fixture's cluster at c=64. */
const rows: ResultRow[] = echoSmall.map((row) =>
  row.model === 'event-loop' && row.connections > 1 ? { ...row, client: { ...row.client, clientBound: true } } : row,
);

describe('table mark notes', () => {
  it('says each kind once, naming every row that carries it grouped by server', () => {
    const { list } = markNotes(rows, 'scenario-echo-small');
    expect(list.match(/<li /g)).toHaveLength(1);
    expect(list).toContain('<b>client-bound</b>');
    expect(list).toContain('): event-loop c=16, c=64; cluster c=64</li>');
  });

  it('gives a row its notes’ numbers, its own words as their tooltip', () => {
    const notes = markNotes(rows, 'scenario-echo-small');
    const eventLoop = rows.find((row) => row.model === 'event-loop' && row.connections === 64)!;
    expect(notes.refs(eventLoop)).toBe('<a class="mark-ref" href="#scenario-echo-small-mark-1" title="client-bound: throughput is a lower bound">[1]</a>');
    expect(notes.refs(rows.find((row) => row.model === 'fork' && row.connections === 1)!)).toBe('');
  });

  it('says why a row failed in its note', () => {
    const echoLarge = fixture.results.filter((row) => row.scenario === 'echo-large');
    const { list } = markNotes(echoLarge, 'scenario-echo-large');
    const failed = echoLarge.find((row) => row.status === 'failed')!;
    expect(list).toContain(`<b>failed</b> (the server failed here, so there is no figure): fork (${failed.failure})</li>`);
  });
});
