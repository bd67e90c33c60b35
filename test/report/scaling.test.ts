/** The scaling chart and sentences from a core sweep: msgs/s against server cores, the ideal line from each model's one-core figure. */
import { readFileSync } from 'node:fs';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { ResultRow, ResultsFile } from '../../src/results/schema.js';
import { checkResults } from '../../src/results/check-results.js';
import { scaling } from '../../src/report/charts/scaling.js';
import { cpuVsLimit } from '../../src/report/charts/cpu-limit.js';
import { framedChart } from '../../src/report/charts/spec.js';
import { narrate } from '../../src/report/narrative/index.js';
import { scalingOf, stopsAt } from '../../src/report/scaling.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const cpuRow = (model: string) => fixture.results.find((row) => row.scenario === 'cpu' && row.model === model)!;

/** A fixture cpu row as if measured on the server's first k CPUs at `msgs` msgs/s, its server using `cores` cores' worth of CPU. */
function at(model: string, k: number, msgs: number, cores = k): ResultRow {
  const row = structuredClone(cpuRow(model));
  const cpus = Array.from({ length: k }, (_, i) => i);
  return {
    ...row,
    serverCores: k,
    placement: { pinned: true, serverCpus: cpus, generatorCpus: [k - 1], note: `server on cpu 0-${k - 1}` },
    msgsPerSec: { median: msgs, range: [msgs * 0.95, msgs * 1.05], runs: [msgs * 0.95, msgs, msgs * 1.05] },
    server: { ...row.server!, cpuPercent: 100 * cores },
  };
}

const sweep = (rows: ResultRow[]): ResultsFile => ({ ...structuredClone(fixture), env: { ...fixture.env, cores: 8 }, results: rows });

const run = sweep([
  at('cluster', 1, 900),
  at('cluster', 2, 1700),
  at('cluster', 4, 3300),
  at('cluster', 8, 3400, 4),
  at('event-loop', 1, 950, 1),
  at('event-loop', 2, 960, 1),
  at('event-loop', 4, 955, 1),
  at('event-loop', 8, 950, 1),
]);

describe('the scaling chart', () => {
  it('is drawn only for a core sweep', () => {
    expect(scaling.build(fixture)).toBeNull();
    expect(scaling.build(sweep([at('cluster', 2, 1700), at('event-loop', 2, 960)]))).toBeNull();
  });

  it('draws msgs/s against cores per model, and the ideal line from each model’s one-core figure', () => {
    const chart = scaling.build(run)!;
    const values = (chart.body.data as { values: Record<string, unknown>[] }).values;
    const ideal = values.filter((v) => v.kind === 'ideal');
    expect(ideal.filter((v) => v.model === 'cluster').map((v) => [v.cores, v.ideal])).toEqual([[1, 900], [2, 1800], [4, 3600], [8, 7200]]);
    expect(ideal.filter((v) => v.model === 'event-loop').map((v) => v.ideal)).toEqual([950, 1900, 3800, 7600]);
    expect(values.filter((v) => v.kind === 'measured').map((v) => [v.model, v.cores, v.value])).toContainEqual(['cluster', 8, 3400]);
    expect((chart.body.facet as { field: string }).field).toBe('panel');
    expect(chart.subtitle).toContain('server on 1, 2, 4, 8 core(s)');
    // A valid vega-lite spec, framed as the page draws it.
    expect(() => compile(framedChart(scaling.title, chart, run) as never)).not.toThrow();
    expect(() => checkResults(run)).not.toThrow();
  });

  it('starts the ideal line at the fewest cores measured, whatever they are', () => {
    const fromTwo = scaling.build(sweep([at('cluster', 2, 1000), at('cluster', 4, 1800), at('cluster', 8, 2000)]))!;
    const ideal = (fromTwo.body.data as { values: Record<string, unknown>[] }).values.filter((v) => v.kind === 'ideal');
    expect(ideal.map((v) => [v.cores, v.ideal])).toEqual([[2, 1000], [4, 2000], [8, 4000]]);
  });

  it('leaves the rows at fewer cores to itself: the machine-limit chart draws the most cores', () => {
    expect(cpuVsLimit.build(run)!.rows.map((row) => row.serverCores)).toEqual([8, 8]);
  });
});

describe('the scaling sentences', () => {
  it('say who gained, who did not, where a model stopped, and the CPU its server used', () => {
    const text = narrate(run.results, run).join(' ');
    expect(text).toContain('From 1 to 8 server cores (ideal 8×): cluster 3.78× gained; event-loop 1× did not (under 1.1×).');
    expect(text).toContain('Stopped gaining past: cluster 4 cores.');
    expect(text).toContain("The server's CPU at 8 cores, in cores' worth (from /proc): event-loop 1, cluster 4.");
  });

  it('call a speed-up whose repeats’ ranges overlap within noise: neither a gain nor the lack of one', () => {
    const noisy = (model: string, k: number, msgs: number, spread: number): ResultRow => {
      const row = at(model, k, msgs);
      return { ...row, msgsPerSec: { median: msgs, range: [msgs * (1 - spread), msgs * (1 + spread)], runs: [msgs * (1 - spread), msgs, msgs * (1 + spread)] } };
    };
    const text = (spread: number) => narrate(sweep([noisy('event-loop', 1, 1000, spread), noisy('event-loop', 2, 1300, spread)]).results, run).join(' ');
    expect(text(0.3)).toContain('From 1 to 2 server cores (ideal 2×): no model gained measurably; event-loop 1.3× within noise (the ranges of the repeats at 1 and 2 cores overlap).');
    expect(text(0.3)).not.toContain('did not');
    expect(text(0.05)).toContain('event-loop 1.3× gained');
  });

  it('find where each model stopped', () => {
    expect(scalingOf(run.results).map((model) => [model.model, stopsAt(model)])).toEqual([['event-loop', 1], ['cluster', 4]]);
  });
});
