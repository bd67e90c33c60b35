/** Finding and reading a run's results.json: a run directory or the file itself. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RESULTS_SCHEMA, RESULTS_VERSION, resultsVersion, type ResultsFile } from '../results/schema.js';
import { FatalError, ReportExit } from '../shared/exit-codes.js';
import { checkResults, ResultsShapeError } from '../results/check-results.js';
import { toError } from '../shared/to-error.js';

export interface LoadedRun {
  results: ResultsFile;
  /** The directory the run's charts and page belong in. */
  dir: string;
  file: string;
}

/** A directory means its results.json; anything else is taken as the file. */
async function resultsPath(target: string): Promise<string> {
  const info = await stat(target).catch(() => null);
  if (info === null) throw new FatalError(`no such run directory or file: ${target}`, ReportExit.notFound);
  if (!info.isDirectory()) return target;
  const file = path.join(target, 'results.json');
  if ((await stat(file).catch(() => null)) === null) {
    throw new FatalError(`no results.json in ${target}`, ReportExit.notFound);
  }
  return file;
}

export async function loadRun(target: string): Promise<LoadedRun> {
  const file = await resultsPath(target);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : toError(error).code ?? String(error);
    throw new FatalError(`${file} is not readable JSON: ${reason}`, ReportExit.notJson);
  }
  const version = resultsVersion((parsed as { schema?: unknown } | null)?.schema);
  if (version !== undefined && version < RESULTS_VERSION) {
    // Its report would need today's scenarios to fill what it did not record: run it again instead.
    throw new FatalError(`${file} is a run from an older echolab (echolab/results@${version}; this one reads ${RESULTS_SCHEMA}): re-run the bench (npm run bench) to report on it`, ReportExit.notResults);
  }
  try {
    return { results: checkResults(parsed), dir: path.dirname(file), file };
  } catch (error) {
    if (error instanceof ResultsShapeError) {
      throw new FatalError(`${file} is not an echolab results file: ${error.message}`, ReportExit.notResults);
    }
    throw error;
  }
}
