/** The micro-benchmark report: one table for people, one JSON file for the README and later runs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release } from 'node:os';
import Table from 'cli-table3';
import type { MicroOptions } from './cli-options.js';
import type { MicroRow } from './runner.js';

export const MICRO_SCHEMA = 'echolab/micro@1';

export interface MicroReport {
  schema: typeof MICRO_SCHEMA;
  date: string;
  command: string;
  env: { node: string; cpuModel: string; cores: number; kernel: string };
  options: MicroOptions;
  /** False if the run was cut short (Ctrl-C). */
  complete: boolean;
  rows: MicroRow[];
}

/** How this run was started, as the user would type it again. */
function invocation(): string {
  const args = process.argv.slice(2);
  if (process.env.npm_lifecycle_event === 'bench:micro') return ['npm run bench:micro', ...(args.length > 0 ? ['--', ...args] : [])].join(' ');
  return ['node dist/bench/micro/run.js', ...args].join(' ');
}

export function buildReport(rows: MicroRow[], options: MicroOptions, complete: boolean): MicroReport {
  const cpu = cpus();
  return {
    schema: MICRO_SCHEMA,
    date: new Date().toISOString(),
    command: invocation(),
    env: { node: process.version, cpuModel: cpu[0]?.model ?? 'unknown', cores: cpu.length, kernel: release() },
    options,
    complete,
    rows,
  };
}

/** 3 significant digits, no exponent: 0.0412, 1.23, 45.6, 789, 12345. */
export function us(value: number | null): string {
  if (value === null) return '-';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

/** "2.15× <baseline>": this row's mean over its baseline's mean (below 1: faster than the baseline). */
export function relative(row: MicroRow, rows: MicroRow[]): string {
  if (row.error !== null) return `failed: ${row.error}`;
  if (row.meanUs === null) return row.state;
  const cut = row.state === 'completed' ? '' : ' (cut short)';
  const base = rows.find((r) => r.group === row.group && r.task === row.baseline);
  if (!base?.meanUs) return cut.trim();
  return `${(row.meanUs / base.meanUs).toFixed(2)}× ${base.task}${cut}`;
}

export function renderTable(rows: MicroRow[]): string {
  const table = new Table({
    head: ['benchmark', 'ops/s', 'mean µs', 'p99 µs', 'samples', 'mean vs baseline'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
  });
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      table.push([{ colSpan: 6, content: `[${group}]` }]);
    }
    const ops = row.opsPerSec === null ? '-' : Math.round(row.opsPerSec).toLocaleString('en-US');
    table.push([row.task, ops, us(row.meanUs), us(row.p99Us), String(row.samples), relative(row, rows)]);
  }
  return table.toString();
}

/** results/micro-<timestamp>.json and results/micro-latest.json; returns the first path. */
export function saveReport(report: MicroReport): string {
  const dir = new URL('../../../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const stamped = new URL(`micro-${report.date.replace(/[:.]/g, '-')}.json`, dir);
  writeFileSync(stamped, text);
  writeFileSync(new URL('micro-latest.json', dir), text);
  return stamped.pathname;
}
