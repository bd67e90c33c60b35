/** Finding and reading a run's results.json: a run directory or the file itself. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsFile } from '../results/schema.js';
import { FatalError } from '../shared/exit-codes.js';
import { toError } from '../shared/to-error.js';
import { ReportExit } from './exit-codes.js';
import { ResultsShapeError, validateResults } from '../results/validate.js';

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
  try {
    return { results: validateResults(parsed), dir: path.dirname(file), file };
  } catch (error) {
    if (error instanceof ResultsShapeError) {
      throw new FatalError(`${file} is not an echolab results file: ${error.message}`, ReportExit.notResults);
    }
    throw error;
  }
}
