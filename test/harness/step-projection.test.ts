/** The connections scenario's step projection: memory bound, open-file limit and time budget, each on its own. */
import { describe, expect, it } from 'vitest';
import { projectStep, type ProjectionInput } from '../../src/harness/rows/step-projection.js';
import { seriesFor } from '../../src/harness/plan/connection-series.js';
import { stepsUpTo } from '../../src/scenarios/connection-steps.js';

const MIB = 2 ** 20;
const GIB = 2 ** 30;
/** A fork-like series: 10 connections measured at 9 MiB each over a 20 MiB idle server, opened in 2 s. */
const base: ProjectionInput = {
  step: 100,
  last: { connections: 10, pssBytes: 20 * MIB + 90 * MIB, added: 10, startMs: 2000, wallMs: 2500 },
  baselinePssBytes: 20 * MIB,
  priorBytesPerConnection: 64 * MIB,
  safetyBoundBytes: 12 * GIB,
  connectionLimit: { connections: 17_000, why: 'the open-file limit (ulimit -n 20000)' },
  cap: null,
  deadlineMs: 3000,
  elapsedMs: 3000,
  budgetMs: 60_000,
};

describe('step projection', () => {
  it('runs a step that fits, projecting its memory from the last step cost per connection', () => {
    // 90 more connections at 9 MiB each on top of 110 MiB; 90 × 200 ms to open them.
    expect(projectStep(base)).toEqual({ run: true, reason: null, projectedPssBytes: 110 * MIB + 90 * 9 * MIB, projectedStartMs: 18_000 });
  });

  it('projects a step whose new connections would pass the memory bound (half of MemAvailable)', () => {
    const at = projectStep({ ...base, step: 2000, budgetMs: Number.POSITIVE_INFINITY });
    expect(at.run).toBe(false);
    expect(at.reason).toBe('at 9 MiB a connection, 1,990 more would need 17.5 GiB, over half the memory available (12 GiB)');
    expect(at.projectedPssBytes).toBe(110 * MIB + 1990 * 9 * MIB);
    // Just under the bound it runs.
    expect(projectStep({ ...base, step: 10 + Math.floor((12 * GIB) / (9 * MIB)), budgetMs: Number.POSITIVE_INFINITY }).run).toBe(true);
  });

  it('judges the first step by the prior cost, and says no cost was measured', () => {
    const first = projectStep({ ...base, step: 1000, last: null, budgetMs: Number.POSITIVE_INFINITY });
    expect(first.run).toBe(false);
    expect(first.reason).toContain('at up to 64 MiB a connection (none measured yet)');
    expect(first.projectedPssBytes).toBeNull();
    expect(projectStep({ ...base, step: 10, last: null }).run).toBe(true);
  });

  it('projects a step past the open-file limit', () => {
    const eventLoop = { ...base, last: { connections: 1000, pssBytes: 27 * MIB, added: 900, startMs: 600, wallMs: 700 } };
    expect(projectStep({ ...eventLoop, step: 17_000 }).run).toBe(true);
    expect(projectStep({ ...eventLoop, step: 17_001 })).toMatchObject({ run: false, reason: 'the open-file limit (ulimit -n 20000) allows 17,000 connections' });
  });

  it('projects a step whose start-up would overrun the time budget, counting only connections the cap starts', () => {
    // 90 × 200 ms = 18 s after 3 s spent: within 21 s, not within 20 s.
    expect(projectStep({ ...base, budgetMs: 21_000 }).run).toBe(true);
    expect(projectStep({ ...base, budgetMs: 20_000 })).toMatchObject({ run: false, reason: 'opening 90 more at 200 ms each (18 s) would overrun the 20 s budget' });
    // At a cap of 64: 54 more start (10.8 s), the rest wait the 3 s deadline.
    expect(projectStep({ ...base, cap: 64, budgetMs: 60_000 }).projectedStartMs).toBe(54 * 200 + 3000);
    expect(projectStep({ ...base, cap: 64, budgetMs: 10_000 }).reason).toBe(
      'opening 54 more at 200 ms each, then waiting 3 s for the 36 a cap of 64 leaves unanswered (13.8 s) would overrun the 10 s budget',
    );
    // Past the cap already: nothing starts, the new connections only wait.
    expect(projectStep({ ...base, step: 200, last: { ...base.last!, connections: 100, added: 90 }, cap: 64, elapsedMs: 9000, budgetMs: 10_000 }).reason).toBe(
      'waiting 3 s for the 136 a cap of 64 leaves unanswered (3 s) would overrun the 10 s budget',
    );
    // A step that answered nothing: its whole time per connection (2.5 s / 10) is the basis.
    expect(projectStep({ ...base, last: { ...base.last!, startMs: null } }).projectedStartMs).toBe(90 * 250);
  });

  it('treats memory that shrank since the idle server as no cost', () => {
    const shrunk = projectStep({ ...base, last: { connections: 10, pssBytes: 19 * MIB, added: 10, startMs: 50, wallMs: 60 } });
    expect(shrunk).toMatchObject({ run: true, projectedPssBytes: 19 * MIB });
  });
});

describe('connection series', () => {
  it('runs an uncapped model once, up to the open-file limit', () => {
    expect(seriesFor('event-loop', [10, 100], 20_000)).toEqual([{ series: 'uncapped', args: [], cap: null, limit: { connections: 17_500, why: 'the open-file limit (ulimit -n 20000)' } }]);
  });

  it('raises a cap to the top step (plus the timed new connection), and adds the default cap only where a step passes it', () => {
    expect(seriesFor('fork', [10, 50], 20_000).map((s) => [s.series, s.args.join(' '), s.cap])).toEqual([['raised', '--max-children 51', 51]]);
    expect(seriesFor('worker', [10, 100], 20_000).map((s) => [s.series, s.args.join(' '), s.cap])).toEqual([
      ['raised', '--max-workers 101', 101],
      ['default', '--max-workers 64', 64],
    ]);
  });

  it('keeps a raised cap within its flag and the open-file limit: larger steps are limited, and say by what', () => {
    // 10,000 threads at 4 descriptors each do not fit 20,000 open files; 1,000 do.
    const [worker] = seriesFor('worker', [10, 1000, 10_000], 20_000);
    expect(worker).toMatchObject({ cap: 1001, limit: { connections: 1000, why: "worker's --max-workers (at most 4096)" } });
  });
});

describe('steps up to --max-connections', () => {
  it('keeps the declared steps below the top, then powers of ten, then the top', () => {
    expect(stepsUpTo([10, 100, 1000], 10_000)).toEqual([10, 100, 1000, 10_000]);
    expect(stepsUpTo([10, 100, 1000], 5000)).toEqual([10, 100, 1000, 5000]);
    expect(stepsUpTo([10], 20_000)).toEqual([10, 100, 1000, 10_000, 20_000]);
    expect(stepsUpTo([10, 100, 1000], 50)).toEqual([10, 50]);
  });
});
