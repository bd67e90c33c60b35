/** The report of one run: charts (SVG and PNG) and report.html, written into the run's directory. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FatalError, ReportExit } from '../shared/exit-codes.js';
import { toError } from '../shared/to-error.js';
import { renderPage } from './html.js';
import { loadRun } from './load.js';
import { writeCharts } from './write-charts.js';

/** Reads runDir/results.json, writes runDir/charts/* and runDir/report.html; returns every path written. */
export async function writeReport(runDir: string): Promise<string[]> {
  const run = await loadRun(runDir);
  try {
    const charts = await writeCharts(run.results, run.dir);
    const page = path.join(run.dir, 'report.html');
    await writeFile(page, renderPage(run.results, charts));
    return [...charts.flatMap((chart) => [chart.svgPath, chart.pngPath]), page];
  } catch (error) {
    const code = toError(error).code;
    if (code) throw new FatalError(`cannot write the report into ${run.dir}: ${code}`, ReportExit.writeFailed);
    throw error;
  }
}
