/** What the page must warn about, read from the run itself: every caveat names its rows or figures. */
import type { ResultsFile } from '../results/schema.js';
import { ACHIEVED_SHARE_TEXT } from '../results/held-rate.js';
import { chanceOrderText, repeatsIn } from './intervals.js';
import { pointLabel, sortRows } from './rows.js';
import { serverName, targetAddress } from '../results/server-label.js';
import { isLoopback } from '../shared/address.js';
import { externalServer, externalTarget } from './target.js';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function caveats(results: ResultsFile): string[] {
  const rows = sortRows(results);
  const out: string[] = [];
  // Grouped by server, each named once: "event-loop (echo-small c=16, open c=16), cluster (open c=16)".
  const list = (selected: typeof rows) => {
    const byServer = new Map<string, string[]>();
    for (const row of selected) byServer.set(serverName(row), [...(byServer.get(serverName(row)) ?? []), pointLabel(row)]);
    return [...byServer].map(([server, points]) => `${server} (${points.join(', ')})`).join(', ');
  };

  if (!results.complete) out.push('This run was cut short (interrupted or failed): some scenarios or models are missing and rows may be partial.');
  const failed = rows.filter((row) => row.status === 'failed');
  if (failed.length > 0) out.push(`Failed rows (their figures are not measurements of a working server): ${list(failed)}.`);
  // The connections scenario's projected steps were not run on purpose: its own sentences say which and why.
  const empty = rows.filter((row) => row.status === 'empty' && !row.connectionsStep?.projected);
  if (empty.length > 0) {
    const why = empty.map((row) => `${serverName(row)} in ${pointLabel(row)} (${row.emptyReason ?? 'no reason recorded'})`).join(', ');
    out.push(`Rows whose measured windows completed nothing, so they have no rate or latency to read: ${why}.`);
  }
  // A capacity search steps past each model's limit on purpose: its steps' shortfalls and late generators are
  // how it finds the knee, and its answer says when it is only a lower bound (a caveat of its own below).
  const measured = rows.filter((row) => !row.rateSearch);
  const clientBound = measured.filter((row) => row.client.clientBound);
  out.push(
    clientBound.length > 0
      ? `Client-bound rows, where the load generator itself was saturated, so throughput is only a lower bound for the server: ${list(clientBound)}.`
      : rows.some((row) => row.rateSearch)
        ? 'No row outside the capacity searches was client-bound: there the load generator never saturated, so those throughput figures are the servers’, not the generator’s.'
        : 'No row was client-bound: the load generator never saturated, so throughput figures are the servers’, not the generator’s.',
  );
  const short = measured.filter((row) => row.rateShortfall);
  if (short.length > 0) out.push(`Open-loop rows whose answers fell below ${ACHIEVED_SHARE_TEXT} of the offered rate: ${list(short)}.`);
  const bounds = rows.filter((row) => row.rateSearch?.result?.lowerBound).map((row) => serverName(row));
  if (bounds.length > 0) {
    out.push(`Capacity searches whose answer is only a lower bound (the generator fell behind at a failing step, or no step failed: the climb stops at 4× the model's closed-loop rate): ${[...new Set(bounds)].join(', ')}.`);
  }

  const { env } = results;
  const target = externalTarget(results);
  out.push(
    target
      ? `The load generator ran on this machine, ${env.cores} core(s) (${env.placement.note}). ${capitalised(externalServer(target))} was measured as it ` +
          'answered: the harness neither started, pinned nor sampled it, so where it ran, what shared its CPUs and what it cost them are not known here.'
      : `This machine has ${env.cores} core(s) (${env.placement.note}). Models that spread work over processes or threads can use at most the ` +
          `server's CPUs: on ${env.cores} cores no model can be more than ${env.cores}× faster than a single-threaded one, and ` +
          'the load generator competes for the same cores. Parallel speed-ups here say little about a bigger machine.',
  );
  const repeats = repeatsIn(rows);
  out.push(
    repeats >= 2
      ? `Each figure is the median of up to ${repeats} repeats; the bracket is the range of the repeats, lowest to highest. ` +
          `The machine is shared and noisy: a row is called above another only where every repeat of one is above every repeat of the other (${chanceOrderText(repeats)}). To test two runs against each other: npm run compare -- <runA> <runB>.`
      : 'Each point was measured once: there is no range of repeats, and on a shared, noisy machine small differences mean nothing.',
  );
  const remote = rows.find((row) => row.target && !isLoopback(row.target.host));
  // --server-host records user@host: the address part says whether the traffic left this machine.
  const serverHost = rows.find((row) => row.serverHost !== undefined && !isLoopback(row.serverHost.replace(/^.*@/, '')))?.serverHost;
  out.push(
    remote
      ? `Traffic went over the network to ${targetAddress(remote)}: its latency and bandwidth are in every figure.`
      : serverHost
        ? `The servers ran on ${serverHost} and traffic went over the network to it: its latency and bandwidth are in every figure.`
        : 'All traffic is on loopback (127.0.0.1): there is no network latency or bandwidth limit, so the figures show the servers’ CPU and scheduling costs.',
  );
  return out;
}
