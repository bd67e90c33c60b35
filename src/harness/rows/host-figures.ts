/**
 * With generators on several hosts: each host's share of a point, so the generator self-check and the
 * client-bound mark can be read per host, and each host's latency histogram kept to show the merge is exact.
 */
import { mergeEncoded, encode } from '../load/histogram.js';
import type { LoadMode, ResultRow } from '../../results/schema.js';
import type { WindowReport } from '../load/generator-protocol.js';

/** As point-row.ts judges the whole row. */
const CLIENT_BOUND_ELU = 0.9;
const CLIENT_BOUND_SEND_LAG_US = 1000;

export type HostFigures = NonNullable<ResultRow['client']['hosts']>[number];

/** `windows` is [window][process]; `where` names each process's host ('local' for this machine). */
export function hostFigures(windows: readonly WindowReport[][], where: readonly string[], mode: LoadMode): HostFigures[] {
  const hosts = [...new Set(where)];
  return hosts.map((host) => {
    const mine = where.flatMap((w, i) => (w === host ? [i] : []));
    const reports = windows.flatMap((reports) => mine.map((i) => reports[i]!));
    const elu = Math.max(0, ...mine.map((i) => windows.reduce((sum, reports) => sum + reports[i]!.elu, 0) / Math.max(1, windows.length)));
    const latency = mergeEncoded(reports.map((r) => r.latency));
    const sendLagP99Us = mode === 'open' ? mergeEncoded(reports.map((r) => r.sendLag!)).getValueAtPercentile(99) : undefined;
    return {
      host,
      processes: mine.length,
      messages: reports.reduce((sum, r) => sum + r.messages, 0),
      elu,
      clientBound: sendLagP99Us === undefined ? elu >= CLIENT_BOUND_ELU : sendLagP99Us > CLIENT_BOUND_SEND_LAG_US,
      latencyCount: latency.totalCount,
      latencyHistogram: encode(latency),
    };
  });
}
