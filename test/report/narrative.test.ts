import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latency } from '../../src/results/format.js';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { narrate } from '../../src/report/narrative/index.js';
import { rowsOf } from '../../src/report/rows.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const text = (scenario: string, rows: ResultRow[] = rowsOf(fixture.results, scenario)) => narrate(rows, fixture).join(' ');
const scaled = (row: ResultRow, factor: number): ResultRow => ({
  ...row,
  msgsPerSec: { median: row.msgsPerSec.median * factor, range: [row.msgsPerSec.range[0] * factor, row.msgsPerSec.range[1] * factor], runs: row.msgsPerSec.runs.map((run) => run * factor) },
});

describe('generated narrative', () => {
  it('names the leader of the CPU-bound scenario and its share of the machine limit', () => {
    const rows = rowsOf(fixture.results, 'cpu');
    const best = [...rows].sort((a, b) => b.msgsPerSec.median - a.msgsPerSec.median)[0]!;
    const limit = (fixture.env.cores * 1e6) / best.workUsPerMessage;
    expect(text('cpu')).toContain(`${best.model} led with`);
    expect(text('cpu')).toContain(`reached ${((100 * best.msgsPerSec.median) / limit).toPrecision(3)} % of that`);
    expect(text('cpu')).not.toContain('Caution');
  });

  it('flags a CPU-bound throughput above the machine limit instead of calling it a speed-up', () => {
    const rows = rowsOf(fixture.results, 'cpu').map((row) => (row.model === 'worker' ? scaled(row, 2) : row));
    expect(text('cpu', rows)).toMatch(/Caution: worker exceeded the machine's limit.*measured CPU per message was worker \d+ µs/);
  });

  it('says what a forked child costs per connection under churn, against event-loop', () => {
    const churn = text('churn');
    expect(churn).toMatch(/fork completed [\d,.]+ connections\/s, 1\/[\d.]+ of event-loop's/);
    expect(churn).toMatch(/the server spent [\d,.]+ (ms|µs) of CPU per connection, [\d.]+ % of it beyond the [\d,.]+ (ms|µs) event-loop spent to accept, echo and close one: the cost of starting a child process/);
    expect(churn).toMatch(/memory: about [\d.]+ MiB \(PSS\) per extra process/);
    // The fixture's fork child holds about 9 MiB of PSS and 45 MiB of RSS: the figure is the PSS one.
    expect(Number(/memory: about ([\d.]+) MiB/.exec(churn)![1])).toBeLessThan(20);
  });

  it('counts the connections the sequential model starved behind the idle client', () => {
    const sequential = rowsOf(fixture.results, 'slow-client').find((row) => row.model === 'sequential')!;
    expect(text('slow-client')).toContain(`sequential ${sequential.fairness.starved} of ${sequential.connections}`);
  });

  it('gives both open-loop latency figures of a model that fell behind, and attributes their gap to the generator', () => {
    const sequential = rowsOf(fixture.results, 'open').find((row) => row.model === 'sequential')!;
    const open = text('open');
    expect(open).toContain(`sequential's p99 was ${latency(sequential.latencyUs.p99)} from the intended send time`);
    expect(open).toContain(`${latency(sequential.latencyUncorrectedUs!.p99)} from the actual send time`);
    expect(open).toContain("the gap is the generator's own lateness against the schedule");
  });

  describe('gives a cause only where the model documents it; otherwise what was seen', () => {
    /** A fixture row as if measured at an external server with a small listen backlog: some connections never got in. */
    const asExternal = (row: ResultRow, errors: Partial<ResultRow['errors']>): ResultRow => ({
      ...structuredClone(row),
      model: 'external',
      target: { host: '127.0.0.1', port: 9100 },
      server: null,
      errors: { ...row.errors, ...errors },
    });

    it('echo-small: sequential waited for the one being served; another server only met errors', () => {
      const sequential = rowsOf(fixture.results, 'echo-small').find((row) => row.model === 'sequential' && row.connections === 16)!;
      expect(text('echo-small', [sequential])).toContain(
        'sequential left 15 of 16 connections without a single echo at c=16 (Jain\'s fairness index 0.0625; 1 is perfectly even): it serves one connection at a time, so the others waited for the one being served.',
      );
      const external = text('echo-small', [asExternal(sequential, { timeout: 11, refused: 1 })]);
      expect(external).toContain('The external server at 127.0.0.1:9100 left 15 of 16 connections without a single echo at c=16');
      expect(external).toContain('; errors seen: 1 refusal and 11 timeouts.');
      expect(external).not.toMatch(/waited for|being served|one connection at a time/);
      const piscina = { ...sequential, model: 'piscina' as const };
      expect(text('echo-small', [piscina])).toContain('piscina left 15 of 16 connections without a single echo at c=16 (Jain\'s fairness index 0.0625; 1 is perfectly even); no connection was refused, reset or timed out.');
    });

    it('slow-client: sequential waits on the idle client; another server is only said to have starved, with what its connections met', () => {
      expect(text('slow-client')).toContain('sequential: it serves one connection at a time, so it waits on the idle client and never reaches the others.');
      const starving = { ...rowsOf(fixture.results, 'slow-client').find((row) => row.model === 'event-loop')! };
      starving.fairness = { ...starving.fairness, starved: 11 };
      const external = text('slow-client', [asExternal(starving, { timeout: 11 })]);
      expect(external).toContain('Connections that got no echo at all: 11 of 15 to the external server at 127.0.0.1:9100.');
      expect(external).toContain('What the connections to the external server at 127.0.0.1:9100 met: 11 timeouts.');
      expect(external).not.toMatch(/one connection at a time|waits on the idle client|no head-of-line blocking|held no one up/);
    });
  });

  it('mentions failed rows with their reason', () => {
    expect(text('echo-large')).toContain('fork failed (server exited (code 1): fixture failure)');
  });

  it('mentions rows that completed nothing with what they saw, and still counts who they starved', () => {
    const slow = text('slow-client');
    expect(slow).toContain('sequential completed nothing (no message answered in 6 s; the server reported 15 connection(s) waiting in its queue)');
    expect(slow).toContain('Connections that got no echo at all: sequential 15 of 15');
  });
});

describe('who led', () => {
  const echo64 = rowsOf(fixture.results, 'echo-small').filter((row) => row.connections === 64 && row.status === 'ok');
  const withRate = (row: ResultRow, median: number, spread: number, clientBound = false): ResultRow => ({
    ...row,
    msgsPerSec: { median, range: [median * (1 - spread), median * (1 + spread)], runs: [median * (1 - spread), median, median * (1 + spread)] },
    client: { ...row.client, clientBound },
  });
  const lead = (rows: ResultRow[]) => narrate(rows, fixture)[0]!;

  it('calls rows that were all client-bound at the top a tie at the generator ceiling, not a lead', () => {
    const rows = echo64.map((row) =>
      row.model === 'cluster' ? withRate(row, 64_600, 0.02, true) : row.model === 'reuseport' ? withRate(row, 63_000, 0.02, true) : withRate(row, 20_000, 0.02),
    );
    const text = lead(rows);
    expect(text).not.toContain('led with');
    expect(text).toContain('cluster 64,600 and reuseport 63,000 msgs/s were client-bound: a tie at the generator’s ceiling (lower bounds');
  });

  it('says the leader is within noise of the next where the ranges of their repeats overlap', () => {
    const rows = echo64.map((row) => (row.model === 'cluster' ? withRate(row, 60_000, 0.1) : row.model === 'hsha' ? withRate(row, 50_000, 0.1) : withRate(row, 20_000, 0.02)));
    expect(lead(rows)).toContain('cluster led with 60,000 msgs/s, within noise of the next (hsha, 50,000; the ranges of their repeats overlap)');
  });

  it('does not speak of ranges of repeats where each was measured once (--quick)', () => {
    const once = (row: ResultRow, median: number): ResultRow => ({ ...row, msgsPerSec: { median, range: [median, median], runs: [median] }, client: { ...row.client, clientBound: false } });
    const rows = echo64.map((row) => (row.model === 'cluster' ? once(row, 60_000) : row.model === 'hsha' ? once(row, 50_000) : once(row, 20_000)));
    const text = lead(rows);
    expect(text).toContain('cluster led with 60,000 msgs/s, within noise of the next (hsha, 50,000; measured once, so no range of repeats tells them apart)');
    expect(text).not.toContain('ranges of their repeats');
  });
});
