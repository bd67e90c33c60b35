/**
 * npm run bench:micro: the per-message cost of each model's hop and of the generator's own
 * bookkeeping, measured with tinybench, printed as a table and saved as JSON under results/.
 */
import '../../src/shared/require-node.js'; // first: a one-line stop on an old Node
import { setMaxListeners } from 'node:events';
import { runMain } from '../../src/cli/run-main.js';
import { UsageError } from '../../src/shared/exit-codes.js';
import { parseMicroArgs, USAGE } from './cli-options.js';
import { generator } from './generator.js';
import type { MicroGroup } from './group.js';
import { inProcess } from './in-process.js';
import { piscinaPool } from './piscina-pool.js';
import { postMessage } from './post-message.js';
import { buildReport, renderTable, saveReport } from './report.js';
import { runGroup, type MicroRow } from './runner.js';
import { sampler } from './sampler.js';
import { closeAllScopes } from './scope.js';
import { socketHandoff } from './socket-handoff.js';
import { startUp } from './start-up.js';

const GROUPS: MicroGroup[] = [inProcess, postMessage, piscinaPool, socketHandoff, startUp, generator, sampler];
/** After Ctrl-C, the run stops at the next iteration; if a task hangs, clean up and leave anyway. */
const FORCE_EXIT_MS = 3000;

runMain('bench:micro', USAGE, async (argv) => {
  const parsed = parseMicroArgs(argv);
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options } = parsed;
  const progress = (line: string) => options.json || process.stderr.write(`${line}\n`);
  const chosen = GROUPS.map((group) => ({
    group,
    names: group.tasks.map((t) => t.name).filter((name) => !options.filter || `${group.name} / ${name}`.toLowerCase().includes(options.filter)),
  })).filter(({ names }) => names.length > 0);
  if (chosen.length === 0) throw new UsageError(`no benchmark matches --filter '${options.filter}'`);

  const interrupt = new AbortController();
  // tinybench adds one abort listener per task to this signal; that is not a leak.
  setMaxListeners(0, interrupt.signal);
  process.once('SIGINT', () => {
    progress('bench:micro: interrupted, cleaning up');
    interrupt.abort();
    setTimeout(() => void closeAllScopes().finally(() => process.exit(130)), FORCE_EXIT_MS).unref();
  });

  const rows: MicroRow[] = [];
  for (const { group, names } of chosen) {
    if (interrupt.signal.aborted) break;
    progress(`bench:micro: ${group.name} (${names.length} benchmark${names.length === 1 ? '' : 's'}, ~${options.timeMs} ms each)`);
    rows.push(...(await runGroup(group, names, { timeMs: options.timeMs, signal: interrupt.signal })));
  }

  const report = buildReport(rows, options, !interrupt.signal.aborted);
  const saved = saveReport(report);
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${renderTable(rows)}\nsaved ${saved} (and results/micro-latest.json)\n`);
  const failed = rows.filter((row) => row.error !== null);
  if (failed.length > 0) process.stderr.write(`bench:micro: ${failed.length} benchmark(s) failed (see table)\n`);
  if (interrupt.signal.aborted) process.exit(130);
  if (failed.length > 0) process.exitCode = 1;
});
