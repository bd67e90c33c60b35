/** The abandoned scenario's pure pieces: reading the server's counts, building the row, the table, --quick. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUITE } from '../../src/scenarios/index.js';
import { abandonedRow, type AbandonedMeasurement } from '../../src/harness/rows/abandoned-row.js';
import { parseBenchArgs } from '../../src/harness/plan/bench-options.js';
import { abandonedCount, tookIn } from '../../src/harness/rows/departure-counts.js';
import { noErrors } from '../../src/harness/load/generator-protocol.js';
import { planPlacement } from '../../src/harness/plan/placement.js';
import { planScenarios } from '../../src/scenarios/plan.js';
import { expand } from '../../src/scenarios/scenario.js';
import { SCENARIO_TABLES } from '../../src/harness/output/scenario-tables.js';

const scenario = DEFAULT_SUITE.find((s) => s.name === 'abandoned')!;
const [point] = expand(scenario);

function measurement(overrides: Partial<AbandonedMeasurement> = {}): AbandonedMeasurement {
  return {
    point: point!,
    model: 'fork',
    placement: planPlacement('rest', 2, false),
    warmedUp: { settled: true, elapsedMs: 500 },
    departures: [{ departed: 100, pending: 0, floodMs: 40, errors: noErrors() }],
    probe: { firstEchoMs: 250, serverCpuSec: 0.4, errors: noErrors(), owedEchoes: null },
    otherProbes: [],
    serverAbandoned: 100,
    server: undefined,
    ...overrides,
  };
}

describe('departure counts from the server stats', () => {
  it('counts dropped clients only where the model reports them: null, never 0, elsewhere', () => {
    expect(abandonedCount({ waiting: 0, abandoned: 3 }, { waiting: 0, abandoned: 10 })).toBe(7);
    expect(abandonedCount(undefined, { abandoned: 4 })).toBe(4);
    expect(abandonedCount({ waiting: 5 }, { waiting: 9 })).toBeNull();
    expect(abandonedCount({ connections: 3 }, undefined)).toBeNull();
  });

  it('knows the server took the departures in once they wait in its queue or were dropped from it', () => {
    expect(tookIn({ waiting: 63 }, { waiting: 100 }, 50)).toBe(false);
    expect(tookIn({ waiting: 63 }, { waiting: 113 }, 50)).toBe(true);
    expect(tookIn({ waiting: 0, abandoned: 0 }, { waiting: 20, abandoned: 30 }, 50)).toBe(true);
    // No queue to ask about (event-loop closes them at once), or no answer: nothing to wait for.
    expect(tookIn({ connections: 64 }, { connections: 64 }, 50)).toBeUndefined();
    expect(tookIn({ connections: 64, queues: false, waiting: 0 }, { connections: 64, queues: false, waiting: 0 }, 50)).toBeUndefined();
    expect(tookIn({ waiting: 0 }, undefined, 50)).toBeUndefined();
  });
});

describe('the abandoned row', () => {
  it('carries the figures, with the scenario parameters', () => {
    const row = abandonedRow(measurement());
    expect(row).toMatchObject({ scenario: 'abandoned', model: 'fork', status: 'ok', connections: 64 });
    expect(row.abandoned).toEqual({ clients: 100, departed: 100, floodMs: 40, deadlineSec: 30, firstEchoMs: 250, serverCpuSec: 0.4, serverAbandoned: 100, departureBytes: 0, owedEchoes: null });
  });

  it('fails with the first reason: an unsettled load, then clients still pending, then no echo', () => {
    const noEcho = { firstEchoMs: null, serverCpuSec: 30.5, errors: { ...noErrors(), timeout: 1 }, failure: 'no echo for the new client within the 30 s deadline', owedEchoes: null };
    const late = abandonedRow(measurement({ probe: noEcho, serverAbandoned: null }));
    expect(late).toMatchObject({ status: 'failed', failure: noEcho.failure });
    expect(late.abandoned).toMatchObject({ firstEchoMs: null, serverCpuSec: 30.5, serverAbandoned: null });
    expect(late.errors.timeout).toBe(1);
    const pending = abandonedRow(measurement({ probe: noEcho, departures: [{ departed: 90, pending: 10, floodMs: 30_000, errors: noErrors() }] }));
    expect(pending.failure).toBe('10 of 100 departing clients had not connected by the deadline');
    const unsettled = abandonedRow(measurement({ warmedUp: { settled: false, elapsedMs: 30_400 }, probe: noEcho }));
    expect(unsettled.failure).toMatch(/busy connections had not all been answered or queued after 30 s/);
  });

  it('prints its own table, with a dash (not 0) for what was not measured', () => {
    const text = SCENARIO_TABLES.abandoned([abandonedRow(measurement()), abandonedRow(measurement({ model: 'worker', serverAbandoned: null }))], 0);
    expect(text).toContain('first echo');
    expect(text).toMatch(/fork\s+│ 64\s+│ 100\/100\s+│ nothing\s+│ 250 ms\s+│ 400 ms\s+│ 100 /);
    expect(text).toMatch(/worker\s+│ 64\s+│ 100\/100\s+│ nothing\s+│ 250 ms\s+│ 400 ms\s+│ —/);
    expect(text).not.toContain('msgs/s');
  });
});

describe('--quick', () => {
  it('applies the scenario’s own shrink: fewer departing clients and a shorter deadline', () => {
    const quick = parseBenchArgs(['--quick', '--scenarios', 'abandoned'], DEFAULT_SUITE);
    const full = parseBenchArgs(['--scenarios', 'abandoned'], DEFAULT_SUITE);
    if (quick === 'help' || full === 'help') throw new Error('unexpected help');
    const clients = (options: typeof quick) => planScenarios(options.scenarios, options)[0]!.points[0]!.abandon!;
    expect(clients(full)).toEqual(scenario.abandon);
    expect(clients(quick)).toEqual(scenario.quick!.abandon);
    expect(clients(quick).clients).toBeLessThan(clients(full).clients);
  });
});
