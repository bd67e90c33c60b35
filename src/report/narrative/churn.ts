/** Narrative for connection churn: what a new process or thread per connection costs. */
import type { ResultRow } from '../../results/schema.js';
import { latency, mebibytes, num, times } from '../../results/format.js';
import { find, leadSentence } from './facts.js';
import { serverName } from '../../results/server-label.js';

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

function costSentence(row: ResultRow | undefined, model: 'fork' | 'worker', baseline: ResultRow): string | null {
  if (!row) return null;
  const slower = connectionsPerSec(baseline) / connectionsPerSec(row);
  const [echo, baselineEcho] = [row.latencyUs.p50, baseline.latencyUs.p50];
  const memory = perChild(row, baseline, model === 'fork' ? 'processes' : 'threads');
  const parts = [
    `${serverName(row)} completed ${num(connectionsPerSec(row))} connections/s, ${slower >= 1 ? `1/${num(slower)}` : times(1 / slower)} of event-loop's ${num(connectionsPerSec(baseline))}`,
  ];
  // Server CPU per completed connection is the start-up cost itself; the median first echo also
  // includes waiting behind the other connectors' start-ups on the same cores.
  const cpuPerConnectionUs = ((row.server?.cpuPercent ?? Number.NaN) / 100 / connectionsPerSec(row)) * 1e6;
  // A variant (worker's thread cache) serves most connections in a thread that is already there.
  const starting = model === 'fork' ? 'starting a child process' : row.serveFlags ? 'handing the connection to a thread' : 'starting a thread';
  const baselineCpuUs = ((baseline.server?.cpuPercent ?? Number.NaN) / 100 / connectionsPerSec(baseline)) * 1e6;
  if (Number.isFinite(cpuPerConnectionUs)) {
    // What event-loop spent per connection (accept, one echo, close) is the part every model pays; the rest is this model's own.
    const beyond = Number.isFinite(baselineCpuUs) && cpuPerConnectionUs > baselineCpuUs ? (cpuPerConnectionUs - baselineCpuUs) / cpuPerConnectionUs : null;
    parts.push(
      `the server spent ${latency(cpuPerConnectionUs)} of CPU per connection` +
        (beyond === null ? '' : `, ${num(100 * beyond)} % of it beyond the ${latency(baselineCpuUs)} event-loop spent to accept, echo and close one: the cost of ${starting}`),
    );
  }
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
    baseline ? costSentence(find(rows, 'fork'), 'fork', baseline) : null,
    baseline ? costSentence(find(rows, 'worker'), 'worker', baseline) : null,
    ...rows.filter((row) => row.model === 'worker' && row.serveFlags && row.status === 'ok').map((row) => (baseline ? costSentence(row, 'worker', baseline) : null)),
  ];
}
