/** results/<run-id>/results.json and results.csv, rewritten after every row so a cut-short run keeps what it measured. */
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ResultRow, ResultsFile } from '../../results/schema.js';
import { hostPort } from '../../shared/address.js';
import { costUnit, perUnit } from '../../results/message-cost.js';
import type { RowAndLog } from '../rows/interval-log.js';
import { compactJson } from './compact-json.js';
import { resultsForFile } from '../../results/unmeasured-throughput.js';
import { measuresThroughput } from '../../results/throughput.js';
import { kindOf } from '../../results/scenario-kind.js';
import { KIND_CSV_COLUMNS, orEmpty, type CsvColumn } from './kind-csv-columns.js';


/** A throughput figure: empty where the row measures none (the connections scenario measures memory). */
const throughput = (show: (row: ResultRow) => string) => (row: ResultRow) => (measuresThroughput(row) ? show(row) : '');

const CSV_COLUMNS: CsvColumn[] = [
  ['model', (r) => r.model],
  ['target', (r) => orEmpty(r.target, (t) => hostPort(t.host, t.port))],
  ['scenario', (r) => r.scenario],
  ['kind', (r) => kindOf(r)],
  ['mode', (r) => r.mode],
  ['connections', (r) => r.connections],
  ['idle_connections', (r) => r.idleConnections],
  ['pipelining', (r) => r.pipelining],
  ['message_size', (r) => r.messageSize],
  ['work_us_per_message', (r) => r.workUsPerMessage],
  ['status', (r) => r.status],
  ['msgs_per_sec', throughput((r) => r.msgsPerSec.median.toFixed(1))],
  ['msgs_per_sec_lowest_repeat', throughput((r) => r.msgsPerSec.range[0].toFixed(1))],
  ['msgs_per_sec_highest_repeat', throughput((r) => r.msgsPerSec.range[1].toFixed(1))],
  ['bytes_per_sec', throughput((r) => r.bytesPerSec.median.toFixed(0))],
  ['answers', (r) => r.latencyUs.count],
  ['p50_us', (r) => orEmpty(r.latencyUs.p50)],
  ['p90_us', (r) => orEmpty(r.latencyUs.p90)],
  ['p99_us', (r) => orEmpty(r.latencyUs.p99)],
  ['p999_us', (r) => orEmpty(r.latencyUs.p999)],
  ['max_us', (r) => orEmpty(r.latencyUs.max)],
  ['errors', (r) => Object.values(r.errors).reduce((a, b) => a + b, 0)],
  ['jain', throughput((r) => r.fairness.jain.toFixed(4))],
  ['starved', (r) => r.fairness.starved],
  ['server_cpu_percent', (r) => orEmpty(r.server, (s) => s.cpuPercent.toFixed(1))],
  ['server_peak_pss_bytes', (r) => orEmpty(r.server, (s) => s.peakPssBytes)],
  ['server_peak_rss_bytes', (r) => orEmpty(r.server, (s) => s.peakRssBytes)],
  ['server_max_processes', (r) => orEmpty(r.server, (s) => s.maxProcesses)],
  ['server_max_threads', (r) => orEmpty(r.server, (s) => s.maxThreads)],
  ['client_cpu_percent', (r) => r.client.cpuPercent.toFixed(1)],
  ['client_elu', (r) => r.client.elu.toFixed(3)],
  ['client_bound', (r) => r.client.clientBound],
  ['target_rate', (r) => orEmpty(r.targetRate)],
  ['connections_per_sec', (r) => orEmpty(r.connectionsPerSec, (e) => e.median.toFixed(1))],
  ...Object.values(KIND_CSV_COLUMNS).flat(),
  ['server_cores', (r) => orEmpty(r.serverCores)],
  ...costColumns(),
  ['server_host', (r) => orEmpty(r.serverHost)],
  ['placement', (r) => r.placement.note],
  ['failure', (r) => orEmpty(r.failure)],
  ['empty_reason', (r) => orEmpty(r.emptyReason)],
];

/** The anatomy per unit (cost_unit: message, or connection under churn), server and generator; empty where not read. */
function costColumns(): CsvColumn[] {
  const figures = [['cpu_us', 'cpuUs'], ['run_queue_us', 'runDelayUs'], ['voluntary_switches', 'voluntarySwitches'], ['involuntary_switches', 'involuntarySwitches'], ['read_calls', 'readCalls'], ['write_calls', 'writeCalls']] as const;
  return [
    ['cost_unit', (r) => orEmpty(r.anatomy, () => costUnit(r))],
    ...(['server', 'generator'] as const).flatMap((side) =>
      figures.map(([column, key]): CsvColumn => [`${side}_${column}_per_unit`, (r) => orEmpty(perUnit(r, side)?.[key], (v) => Number(v.toPrecision(4)))]),
    ),
    ['server_threads_ended', (r) => orEmpty(r.anatomy?.server?.endedThreads)],
  ];
}

const csvCell = (value: unknown) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export class ResultsWriter {
  readonly dir: string;

  constructor(
    private readonly root: string,
    runId: string,
  ) {
    this.dir = join(root, runId);
    mkdirSync(this.dir, { recursive: true });
  }

  save(results: ResultsFile): void {
    writeAtomically(join(this.dir, 'results.json'), `${compactJson(resultsForFile(results))}\n`);
    const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
    for (const row of results.results) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(row))).join(','));
    writeAtomically(join(this.dir, 'results.csv'), `${lines.join('\n')}\n`);
  }

  /**
   * Writes the row's interval log, if it has one, as hlog/<nnn>-<scenario>-<model>.hlog (nnn: the
   * row's index in results.json); returns the row to save, naming that file in its intervals.hlog.
   */
  withIntervalLog({ row, hlog }: RowAndLog, index: number): ResultRow {
    if (hlog === undefined || !row.intervals) return row;
    const name = join('hlog', `${String(index).padStart(3, '0')}-${row.scenario}-${row.model}.hlog`);
    mkdirSync(join(this.dir, 'hlog'), { recursive: true });
    writeFileSync(join(this.dir, name), hlog);
    return { ...row, intervals: { ...row.intervals, hlog: name } };
  }

  /** Point results/latest at this run. */
  markLatest(): void {
    const latest = join(this.root, 'latest');
    rmSync(latest, { force: true });
    symlinkSync(relative(this.root, this.dir), latest);
  }
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export function newRunId(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
}
