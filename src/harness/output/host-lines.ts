/** Under a scenario's table, with generators on several hosts: each host's share and its own client-bound mark. */
import type { ResultRow } from '../../results/schema.js';

const count = (n: number) => n.toLocaleString('en-US');

export function formatHostLines(rows: readonly ResultRow[]): string {
  const lines = rows.flatMap((row) =>
    (row.client.hosts ?? []).map((host) => {
      const point = `${row.model} c=${row.connections}${row.targetRate ? ` R=${count(row.targetRate)}` : ''}`;
      const bound = host.clientBound ? '  client-bound' : '';
      return `  ${point.padEnd(24)} ${host.host.padEnd(24)} ×${String(host.processes).padEnd(3)} ${count(host.messages).padStart(11)} msgs  ELU ${Math.round(host.elu * 100)} %${bound}`;
    }),
  );
  return lines.length === 0 ? '' : `generators by host (messages answered in the measured windows):\n${lines.join('\n')}`;
}
