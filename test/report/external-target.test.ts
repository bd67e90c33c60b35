/**
 * A run against an external server (--target), which the harness neither started, pinned nor sampled:
 * what was not measured is absent (null in the JSON, empty in the CSV, "—" in tables, no chart), the
 * server is named by its address, and placement says only where the generator ran.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable } from '../../src/harness/output/table.js';
import { ResultsWriter } from '../../src/harness/output/results-writer.js';
import { planGeneratorPlacements } from '../../src/harness/plan/placement.js';
import { writeReport } from '../../src/report/index.js';
import { narrate } from '../../src/report/narrative/index.js';
import { rowsOf } from '../../src/report/rows.js';
import { columnsFor } from '../../src/report/table-rows.js';
import { checkResults } from '../../src/results/check-results.js';
import type { ResultsFile } from '../../src/results/schema.js';
import { FIXTURE_A } from './fixture-run.js';

const fixture = JSON.parse(readFileSync(FIXTURE_A, 'utf8')) as ResultsFile;
const generatorOnly = planGeneratorPlacements(['rest'], 2, true).get('rest')!;

/** The fixture's event-loop rows as a --target run records them: the same figures, nothing of the server's. */
const external: ResultsFile = {
  ...structuredClone(fixture),
  env: { ...fixture.env, placement: generatorOnly },
  options: { target: { host: '127.0.0.1', port: 9100 } },
  results: fixture.results
    .filter((row) => row.model === 'event-loop')
    .map((row) => ({ ...structuredClone(row), model: 'external', target: { host: '127.0.0.1', port: 9100 }, server: null, placement: generatorOnly })),
};

describe('a run against an external server', () => {
  it('places only the generator: no server CPUs, nothing said of the server', () => {
    expect(generatorOnly).toEqual({ pinned: true, serverCpus: null, generatorCpus: [1], note: 'generator on cpu 1 (taskset)' });
    expect(planGeneratorPlacements(['rest', 'all'], 4, true).get('all')).toMatchObject({ serverCpus: null, generatorCpus: [3] });
    expect(planGeneratorPlacements(['rest'], 4, false).get('rest')).toEqual({ pinned: false, serverCpus: null, generatorCpus: null, note: 'generator unpinned: taskset not found' });
    expect(planGeneratorPlacements(['rest'], 1, true).get('rest')!.note).toBe('generator unpinned: only one CPU');
  });

  it('passes the results check with its server null and its address recorded', () => {
    expect(() => checkResults(external)).not.toThrow();
  });

  it('shows "—" for the server figures in the terminal table, and names the server by its address', () => {
    const table = formatTable(rowsOf(external.results, 'echo-small'));
    const line = table.split('\n').find((l) => l.includes('│ external 127.0.0.1:9100 '))!;
    expect(line).toBeDefined();
    expect(line.split('│').map((cell) => cell.trim()).slice(-5, -2)).toEqual(['—', '—', '—']);
    expect(table).not.toMatch(/│ 0 % |│ 0 MiB |│ 0\/0 /);
  });

  it('shows "—" for the server figures in the report table', () => {
    const rows = rowsOf(external.results, 'cpu');
    const cells = Object.fromEntries(columnsFor(rows).map((column) => [column.header, column.cell(rows[0]!)]));
    expect(cells).toMatchObject({ Model: 'external 127.0.0.1:9100', 'server CPU': '—', 'CPU µs/msg': '—', 'memory (PSS)': '—', 'procs / threads': '—' });
  });

  it('leaves the server columns of results.csv empty, never 0.0, and records the target', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'echolab-external-csv-'));
    try {
      const writer = new ResultsWriter(root, 'run');
      writer.save(external);
      const [head, first] = readFileSync(path.join(writer.dir, 'results.csv'), 'utf8').split('\n');
      const record = Object.fromEntries(head!.split(',').map((name, i) => [name, first!.split(',')[i]]));
      expect(record).toMatchObject({ model: 'external', target: '127.0.0.1:9100', server_cpu_percent: '', server_peak_rss_bytes: '', server_max_processes: '', server_max_threads: '' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('says what was measured: the one server, by its address', () => {
    expect(narrate(rowsOf(external.results, 'echo-large'), external).join(' ')).toMatch(/^With 65536 B messages and 8 connections, the external server at 127\.0\.0\.1:9100 reached [\d.,]+ MB\/s\./);
    expect(narrate(rowsOf(external.results, 'churn'), external)[0]).toMatch(/^The external server at 127\.0\.0\.1:9100 reached [\d.,]+ connections\/s\.$/);
  });

  describe('its report', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'echolab-external-'));
    let written: string[] = [];
    let html = '';
    beforeAll(async () => {
      writeFileSync(path.join(dir, 'results.json'), JSON.stringify(external));
      written = await writeReport(dir);
      html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const svg = (name: string) => readFileSync(path.join(dir, 'charts', `${name}.svg`), 'utf8');

    it('leaves out the charts that would only show what was not measured', () => {
      const charts = written.filter((file) => file.endsWith('.svg')).map((file) => path.basename(file, '.svg'));
      expect(charts).not.toContain('server-cost');
      expect(charts).not.toContain('churn-server-over-time');
      expect(charts).toContain('throughput-vs-connections');
    });

    it('names the server in the title and in every chart, and places only the generator', () => {
      expect(html).toContain('<title>echolab benchmark report: fixture-a, an external echo server at 127.0.0.1:9100</title>');
      for (const file of written.filter((f) => f.endsWith('.svg'))) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).toContain('Server: an external echo server at 127.0.0.1:9100, not started, pinned or measured by the harness');
        expect(text, file).toContain('Placement: generator on cpu 1 (taskset)');
        expect(text, file).toContain('>external 127.0.0.1:9100<');
        expect(text, file).not.toContain('server on cpu');
      }
      // An axis of nothing but zeros still reads as whole connections.
      expect(svg('slow-client-fairness')).not.toContain('0.000000');
    });

    it('says what was and was not measured, and nothing of models it did not run', () => {
      expect(html).toContain('an external echo server at 127.0.0.1:9100, which the harness neither started nor measured');
      expect(html).toContain('the server’s CPU, memory, processes and threads were not measured');
      expect(html).toContain('The load generator ran on this machine, 2 core(s) (generator on cpu 1 (taskset)).');
      expect(html).not.toContain('server on cpu');
      expect(html).not.toMatch(/sampled from \/proc|no model can be more than/);
    });
  });
});
