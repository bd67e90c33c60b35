/** Narrative for connection churn: what a new process or thread per connection costs. */
import type { ResultRow } from '../../results/schema.js';
import { latency, mebibytes, num, times } from '../../results/format.js';
import { find, leadSentence } from './facts.js';

const connectionsPerSec = (row: ResultRow): number => (row.connectionsPerSec ?? row.msgsPerSec).median;

/** Extra memory per live child: peak memory (PSS) above the event-loop baseline over the extra processes (or threads). */
function perChild(model: ResultRow, baseline: ResultRow, unit: 'processes' | 'threads'): string | null {
  const [server, base] = [model.server, baseline.server];
  if (!server || !base) return null;
  const extra = unit === 'processes' ? server.maxProcesses - base.maxProcesses : server.maxThreads - base.maxThreads;
  const memory = server.peakPssBytes - base.peakPssBytes;
  if (extra <= 0 || memory <= 0) return null;
  return `${mebibytes(memory / extra)} (PSS) per extra ${unit === 'processes' ? 'process' : 'thread'} (peak ${mebibytes(server.peakPssBytes)} with up to ${extra} more ${unit} than event-loop)`;
}

function costSentence(rows: readonly ResultRow[], model: 'fork' | 'worker', baseline: ResultRow): string | null {
  const row = find(rows, model);
  if (!row) return null;
  const slower = connectionsPerSec(baseline) / connectionsPerSec(row);
  const [echo, baselineEcho] = [row.latencyUs.p50, baseline.latencyUs.p50];
  const memory = perChild(row, baseline, model === 'fork' ? 'processes' : 'threads');
  const parts = [
    `${model} completed ${num(connectionsPerSec(row))} connections/s, ${slower >= 1 ? `1/${num(slower)}` : times(1 / slower)} of event-loop's ${num(connectionsPerSec(baseline))}`,
  ];
  // Server CPU per completed connection is the start-up cost itself; the median first echo also
  // includes waiting behind the other connectors' start-ups on the same cores.
  const cpuPerConnectionUs = ((row.server?.cpuPercent ?? Number.NaN) / 100 / connectionsPerSec(row)) * 1e6;
  const starting = model === 'fork' ? 'starting a child process' : 'starting a thread';
  if (Number.isFinite(cpuPerConnectionUs)) parts.push(`the server spent ${latency(cpuPerConnectionUs)} of CPU per connection, mostly ${starting}`);
  if (echo !== null && baselineEcho !== null && echo > baselineEcho) {
    parts.push(`with ${row.connections} connectors contending, the median time to the first echo was ${latency(echo)} against ${latency(baselineEcho)}`);
  }
  if (memory) parts.push(`memory: about ${memory}`);
  return `${parts.join('; ')}.`;
}

export function churnNarrative(rows: readonly ResultRow[]): (string | null)[] {
  const baseline = find(rows, 'event-loop');
  return [
    leadSentence(rows, connectionsPerSec, 'connections/s', '', (row) => row.connectionsPerSec ?? row.msgsPerSec),
    baseline ? costSentence(rows, 'fork', baseline) : null,
    baseline ? costSentence(rows, 'worker', baseline) : null,
  ];
}
